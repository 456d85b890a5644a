import { getExternalWorkflowHandle, patched, TemporalFailure } from '@temporalio/workflow';
import { type AreaReorganizedArgs, AreaReorganizedArgsSchema, areaCeasedSignal } from '../cross-workflow.messages';
import { startOfDay } from '../../machines/calendar';
import { annualEvaluationWorkflowId, monthlyCycleWorkflowId } from '../ids';
import { nowIso } from '../step-keys';
import type { AssignmentRun } from './run-state';

/**
 * A reorganisation of the area (a merger, a split, a dissolution, a rename, a boundary moved), told by the route that
 * records it. A unit that continues keeps its assignment: the fact is recorded. A unit that ceases closes the
 * assignment at the start of its effective day (a Vietnam day) with AREA_REORGANIZED: not a reassignment, no ground
 * against the official; its months still open close their filings with the same reason, charged to no one, and an
 * evaluation the area has not sent passes to the one successor's committee, or closes with the reason. Nothing
 * dated before the effective day changes. Runs recorded before reorganisations never heard of one and replay so.
 */

/** The patch under which an assignment hears of its area's reorganisations. Never rename it. */
const AREA_REORGANIZED = 'area-reorganized';

export async function areaReorganized(run: AssignmentRun, args: AreaReorganizedArgs): Promise<void> {
  await run.afterProposal();
  // The sending route checked the arguments before sending; a malformed signal is dropped, never half taken.
  const parsed = AreaReorganizedArgsSchema.safeParse(args);
  if (!parsed.success || run.isClosed() || run.reorganizationsHeard.has(parsed.data.reorganizationId)) return;
  if (!patched(AREA_REORGANIZED)) return;
  const reorganization = parsed.data;
  run.reorganizationsHeard.add(reorganization.reorganizationId);
  const ceases = reorganization.outcome === 'CEASES';
  await run.persist({
    action: 'AREA_REORGANIZATION_NOTED',
    actorId: 'system',
    fromState: run.state(),
    payload: { ...reorganization },
  });
  if (!ceases || run.ceases) return;
  run.ceases = reorganization;
  run.reschedule();
}

/** The area's effective day came (or had come when it was heard of): the assignment closes, and its open months. */
export async function closeForReorganization(run: AssignmentRun): Promise<void> {
  const reorganization = run.ceases!;
  const { assignmentId, officialId } = run.input;
  const event = { type: 'AREA_REORGANIZED' as const, reorganizationId: reorganization.reorganizationId };
  if (!run.snapshot.can(event)) return;
  const rotationDeadlineOpen = run.snapshot.context.yearsServed >= run.input.policy.rotation.eligibleAfterYears;
  const states = run.machine.apply(event);
  const { reorganizationId, effectiveOn, successorAreaIds } = reorganization;
  // Heard of late (recorded after its effective day), the assignment still ended when the area did.
  run.endedAt = new Date(startOfDay(effectiveOn)).toISOString();
  await run.persist({
    action: 'ASSIGNMENT_CLOSED_AREA_REORGANIZED',
    actorId: 'system',
    ...states,
    payload: { closureReason: 'AREA_REORGANIZED', reorganizationId, effectiveOn, successorAreaIds },
    notifications: [
      { recipientId: officialId, template: 'assignment.closed', payload: { assignmentId, reorganizationId } },
    ],
  });
  if (rotationDeadlineOpen) {
    await run.recordDeadline({
      idempotencyKey: run.keys.next('ROTATION_DEADLINE_CLOSED'),
      at: nowIso(),
      actorId: 'system',
      action: 'ROTATION_DECISION_CLOSED_AREA_REORGANIZED',
      deadline: run.rotationDeadline,
      change: { kind: 'CANCELLED' },
      payload: { reason: 'AREA_REORGANIZED', reorganizationId },
    });
  }
  const stillOpen = [
    ...monthsStillOpen(run.cursor.nextMonth).map((month) => monthlyCycleWorkflowId(assignmentId, month)),
    annualEvaluationWorkflowId(assignmentId, run.cursor.nextEvaluationYear - 1),
  ];
  for (const workflowId of stillOpen) {
    try {
      await getExternalWorkflowHandle(workflowId).signal(areaCeasedSignal, {
        reorganizationId,
        effectiveOn,
        successorAreaIds,
      });
    } catch (error) {
      // Never started, or already over: nothing open to close.
      if (!(error instanceof TemporalFailure)) throw error;
    }
  }
}

/** The months whose filings may still be open: a report is due a few working days after its month, closed weeks later. */
function monthsStillOpen(next: string): string[] {
  const months: string[] = [];
  let [year, month] = next.split('-').map(Number) as [number, number];
  for (let i = 0; i < 3; i += 1) {
    [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
    months.unshift(`${year}-${String(month).padStart(2, '0')}`);
  }
  return months;
}
