import { WorkflowNotFoundError } from '@temporalio/client';
import {
  type CheckpointOutcome,
  keepCheckpointInFile,
  signCheckpoint,
  type SignedCheckpoint,
} from '../domain/audit/checkpoints';
import { mailCheckpointToAuditors } from '../domain/audit/checkpoint-mail';
import { auditOrigin, auditSigning } from '../domain/audit/signing';
import { witnessCheckpoint } from '../domain/audit/witness';
// Types only: activities sit below the workflows; the names are checked against the workflow's own.
import type { AUDIT_ANCHOR_WORKFLOW_ID, checkpointNowSignal } from '../workflows/audit-anchor.messages';
import type { ActivityDeps } from './deps';

/**
 * Signs a checkpoint of the audit log for the anchor workflow (workflows/audit-anchor.workflow.ts), consistent with the
 * previous one it kept, and sends it to the witness, if one is set; the witness's cosignature comes back with the
 * checkpoint, which the workflow keeps. A witness down does not fail the anchoring. A new checkpoint goes to the
 * auditors by e-mail, attached.
 */
export function signAuditCheckpoint(deps: ActivityDeps) {
  return async (previous: SignedCheckpoint | undefined): Promise<CheckpointOutcome> => {
    const now = new Date();
    const outcome = await signCheckpoint(deps.db, previous, now.toISOString());
    if (!('signed' in outcome)) return outcome;
    // A new checkpoint is kept in the file and mailed once the witness has answered, with its cosignature.
    const { witnessUrl } = auditSigning();
    const signed = witnessUrl
      ? withCosignatures(
          outcome.signed,
          (await witnessCheckpoint(deps.db.prisma, witnessUrl, outcome.signed, now)).cosignatures,
        )
      : outcome.signed;
    if (outcome.fresh) {
      await keepCheckpointInFile(signed);
      await mailCheckpointToAuditors(deps.db.prisma, auditOrigin(), signed);
    }
    return { ...outcome, signed };
  };
}

/** The checkpoint with the new cosignatures, a witness's first kept (the same checkpoint is sent at every anchoring). */
export function withCosignatures(checkpoint: SignedCheckpoint, cosignatures: string[]): SignedCheckpoint {
  const witnessOf = (line: string) => line.split(' ')[1];
  const kept = checkpoint.cosignatures ?? [];
  const added = cosignatures.filter((line) => !kept.some((k) => witnessOf(k) === witnessOf(line)));
  return added.length === 0 ? checkpoint : { ...checkpoint, cosignatures: [...kept, ...added] };
}

/**
 * A write that may issue a decision, followed, when it carries one, by a signal asking the anchor workflow (the log's
 * one signer) for a checkpoint covering the decision's row, which is committed by then. Sent again on a retry (the
 * write then finds its row); the signals asked together are served by one checkpoint. The decision is issued even when
 * the signal cannot be sent (the anchor workflow not running, Temporal away): the next anchoring covers its row.
 */
export function checkpointAfterDecision<Step extends { decision?: { number: string } | undefined }, Result>(
  deps: ActivityDeps,
  write: (step: Step) => Promise<Result>,
): (step: Step) => Promise<Result> {
  return async (step) => {
    const result = await write(step);
    if (step.decision) await askForCheckpoint(deps, `decision ${step.decision.number}`);
    return result;
  };
}

const ANCHOR_WORKFLOW_ID: typeof AUDIT_ANCHOR_WORKFLOW_ID = 'audit-anchor';
const CHECKPOINT_NOW = { type: 'signal', name: 'checkpointNow' } satisfies Pick<
  typeof checkpointNowSignal,
  'type' | 'name'
> as typeof checkpointNowSignal;

async function askForCheckpoint(deps: ActivityDeps, reason: string): Promise<void> {
  try {
    await deps.temporal.client.workflow.getHandle(ANCHOR_WORKFLOW_ID).signal(CHECKPOINT_NOW, { reason });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError))
      console.warn(`audit: no checkpoint asked for ${reason}: ${(error as Error).message.split('\n')[0]}`);
  }
}
