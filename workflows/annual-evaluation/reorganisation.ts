import type { AreaCeasedArgs } from '../cross-workflow.messages';
import type { EvaluationRun } from './run-state';

/**
 * The area ceased before sending its evaluation (its assignment says so). With exactly one successor, the request
 * passes to that unit's committee, its deadline unchanged; with none or several, it closes with AREA_REORGANIZED,
 * charged to no one. An evaluation already received goes on to its rating: the year was served. Its notices from then
 * on (the request passed, the reminder, the miss) go to the successor's committee and name the successor, with the
 * former area as its former name.
 */
export async function areaCeased(run: EvaluationRun, args: AreaCeasedArgs): Promise<void> {
  const { reorganizationId, effectiveOn, successorAreaIds = [] } = args;
  const successorAreaId = successorAreaIds.length === 1 ? successorAreaIds[0] : undefined;
  const event = { type: 'AREA_REORGANIZED' as const, reorganizationId, successorAreaId };
  if (!run.machine.snapshot.can(event)) return;
  const stillDue = run.machine.snapshot.matches({ requested: 'awaiting' });
  const { fromState, toState } = run.machine.apply(event);
  const { assignmentId, year } = run.input;
  const payload = { reason: 'AREA_REORGANIZED', reorganizationId, effectiveOn, successorAreaIds };
  if (successorAreaId) {
    await run.recordDeadline('PASSED_TO_SUCCESSOR', {
      actorId: 'system',
      action: 'AREA_EVALUATION_PASSED_TO_SUCCESSOR',
      fromState,
      toState,
      deadline: run.deadline,
      change: { kind: 'REMINDED' },
      payload: { ...payload, successorAreaId },
      notifications: [
        {
          recipientRole: 'AREA_COMMITTEE',
          template: 'evaluation.requested',
          payload: { assignmentId, ...run.areaNaming(), year, dueAt: run.dueAt },
        },
      ],
    });
    return;
  }
  await run.recordDeadline('CLOSED_AREA_REORGANIZED', {
    actorId: 'system',
    action: 'AREA_EVALUATION_CLOSED_AREA_REORGANIZED',
    fromState,
    toState,
    deadline: run.deadline,
    change: stillDue ? { kind: 'CANCELLED' } : { kind: 'CLOSED_UNMET' },
    payload,
  });
}
