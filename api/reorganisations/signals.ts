/**
 * After a reorganisation is recorded, each running assignment on a unit that ceases or changes is told by the signal
 * its workflow defines (workflows/cross-workflow.messages.ts); the workflow owns the date and closes on the effective
 * day by its own timer, or keeps running. The signal names the reorganisation, so a workflow told twice (a retry of
 * the request) recognises it. A workflow no longer running is skipped and logged: the record stands either way.
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { ReorganizationPlan } from '../../domain/reorganisations/plan';
import { AreaReorganizedArgsSchema, areaReorganizedSignal } from '../../workflows/cross-workflow.messages';
import { assignmentWorkflowId } from '../../workflows/ids';

export interface SignalOutcome {
  assignmentId: string;
  outcome: 'SIGNALLED' | 'NOT_RUNNING';
}

export async function signalAssignments(
  temporal: Client,
  log: FastifyBaseLogger,
  reorganizationId: string,
  plan: ReorganizationPlan,
): Promise<SignalOutcome[]> {
  const outcomes: SignalOutcome[] = [];
  for (const a of plan.assignments) {
    const args = AreaReorganizedArgsSchema.parse({
      reorganizationId,
      effectiveOn: plan.effectiveOn,
      outcome: a.outcome === 'CLOSES' ? 'CEASES' : 'CONTINUES',
      successorAreaIds: a.successorAreaIds,
    });
    try {
      await temporal.workflow.getHandle(assignmentWorkflowId(a.id)).signal(areaReorganizedSignal, args);
      outcomes.push({ assignmentId: a.id, outcome: 'SIGNALLED' });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      log.warn(
        { assignmentId: a.id, reorganizationId },
        'reorganisation: assignment workflow not running, not signalled',
      );
      outcomes.push({ assignmentId: a.id, outcome: 'NOT_RUNNING' });
    }
  }
  return outcomes;
}
