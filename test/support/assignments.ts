import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../../machines/actor';
import { DEFAULT_POLICY, type Policy } from '../../machines/policy';
import { approveUpdate, assignmentStateQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { dayOf } from '../../machines/calendar';
import { assignmentWorkflowId } from '../../workflows/ids';
import type { LifecycleHarness } from './lifecycle-harness';

let decisionCounter = 0;
export function decisionBy(signer: Actor, issuedOn: string) {
  decisionCounter += 1;
  return { number: `${decisionCounter}-QĐ/BTCTU/test-${Date.now()}`, issuedOn, signerId: signer.id };
}

/** Starts an assignment effective today (server time) and, unless told otherwise, has a leader approve it. */
export async function startActiveAssignment(
  h: LifecycleHarness,
  opts: {
    assignmentId: string;
    areaId: string;
    official: Actor;
    proposedBy: Actor;
    approver?: Actor | null;
    groupId?: string;
    policy?: Policy;
  },
) {
  const today = dayOf(await h.env.currentTimeMs());
  const handle = await h.client.workflow.start(assignmentWorkflow, {
    taskQueue: h.taskQueue,
    workflowId: assignmentWorkflowId(opts.assignmentId),
    args: [
      {
        assignmentId: opts.assignmentId,
        areaId: opts.areaId,
        officialId: opts.official.id,
        groupId: opts.groupId,
        proposedBy: opts.proposedBy.id,
        reason: 'Phân công công chức theo dõi địa bàn',
        effectiveFrom: today,
        policy: opts.policy ?? DEFAULT_POLICY,
      },
    ],
  });
  if (opts.approver !== null) {
    const approver = opts.approver ?? h.people.leaders[0]!;
    await handle.executeUpdate(approveUpdate, { args: [{ actor: approver, decision: decisionBy(approver, today) }] });
    // The approval is answered before the effective date's step (a 1 ms timer after a decision): active once it ran.
    for (const giveUp = Date.now() + 30_000; ;) {
      const { state } = await handle.query(assignmentStateQuery);
      if (state.startsWith('active')) break;
      if (Date.now() > giveUp) throw new Error(`${opts.assignmentId} not active 30 s after its approval (${state})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { handle, today };
}

/** The refusal an update failed with: its type (TransitionRefused, RuleViolated, InvalidInput) and details. */
export async function refusalOf(
  promise: Promise<unknown>,
): Promise<{ type: string | undefined; message: string; rule?: string; allowedEvents?: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const details = error.cause.details?.[0] as
        { violation?: { rule: string }; allowedEvents?: string[] } | undefined;
      return {
        type: error.cause.type ?? undefined,
        message: error.cause.message,
        rule: details?.violation?.rule,
        allowedEvents: details?.allowedEvents,
      };
    }
    throw error;
  }
  throw new Error('expected the update to be refused, but it was accepted');
}
