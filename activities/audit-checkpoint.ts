import { type CheckpointOutcome, signCheckpoint, type SignedCheckpoint } from '../domain/audit/checkpoints';
import { auditSigning } from '../domain/audit/signing';
import { submitToWitness } from '../domain/audit/witness';
import type { ActivityDeps } from './deps';

/**
 * Signs a checkpoint of the audit log for the anchor workflow (workflows/audit-anchor.workflow.ts), consistent with the
 * previous one it kept, and sends it to the witness, if one is set; a witness down does not fail the anchoring.
 */
export function signAuditCheckpoint(deps: ActivityDeps) {
  return async (previous: SignedCheckpoint | undefined): Promise<CheckpointOutcome> => {
    const now = new Date();
    const outcome = await signCheckpoint(deps.db, previous, now.toISOString());
    const { witnessUrl } = auditSigning();
    if (witnessUrl && 'signed' in outcome) await submitToWitness(deps.db.prisma, witnessUrl, outcome.signed, now);
    return outcome;
  };
}
