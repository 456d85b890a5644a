import type { AssignmentEvent, Ground } from '../../machines/assignment.machine';
import { establishGround } from './decisions';
import type { AssignmentRun } from './run-state';

/**
 * Facts from other workflows (signals): a ground an evaluation or a complaint established, and the successor's
 * start. Nobody waits for an answer, so an event the machine does not take now is dropped. Registered as they are,
 * like the updates (see decisions.ts).
 */

export async function groundEstablished(run: AssignmentRun, { ground }: { ground: Ground }): Promise<void> {
  await run.afterProposal();
  const event = { type: 'GROUND_ESTABLISHED' as const, ground };
  if (run.snapshot.can(event)) await establishGround(run, event, 'system');
}

export async function successorStarted(
  run: AssignmentRun,
  { successorAssignmentId }: { successorAssignmentId: string },
): Promise<void> {
  await run.afterProposal();
  const { assignmentId, officialId } = run.input;
  const event: AssignmentEvent = { type: 'SUCCESSOR_STARTED', successorAssignmentId };
  if (!run.snapshot.can(event)) return;
  const states = run.machine.apply(event);
  await run.persist({
    action: 'ASSIGNMENT_CLOSED',
    actorId: 'system',
    ...states,
    payload: { closureReason: run.snapshot.context.closureReason, successorAssignmentId },
    notifications: [
      { recipientId: officialId, template: 'assignment.closed', payload: { assignmentId, successorAssignmentId } },
    ],
  });
}
