import { condition } from '@temporalio/workflow';
import type { DeadlineStep } from '../../activities/deadline-records';
import type { FilingItem } from '../../machines/monthly-cycle.machine';
import type { AreaCeasedArgs } from '../cross-workflow.messages';
import { nowIso } from '../step-keys';
import type { MonthRun } from './run-state';

const SUBJECT = { PLAN: 'MONTHLY_PLAN', REPORT: 'MONTHLY_REPORT' } as const;

/**
 * The area ceased in a reorganisation (its assignment says so): the filings still open close with AREA_REORGANIZED,
 * charged to no one; no reminder, miss or escalation after. A deadline still due is cancelled; one already missed
 * before the effective day stays missed (what happened before that day does not change), only its escalation stops.
 */
export async function areaCeased(run: MonthRun, { reorganizationId, effectiveOn }: AreaCeasedArgs): Promise<void> {
  const event = { type: 'AREA_REORGANIZED' as const, reorganizationId };
  await condition(() => run.deadlinesOpened);
  if (!run.machine.snapshot.can(event)) return;
  const { assignmentId, period } = run.input;
  const open = (['PLAN', 'REPORT'] as const).filter((item) => !run.settled(item));
  const stillDue = new Set<FilingItem>(open.filter((item) => run.regionOf(item) === 'due'));
  const states = run.machine.apply(event);
  const steps: DeadlineStep[] = open.map((item) => ({
    idempotencyKey: run.keys.next(`${item}_AREA_REORGANIZED`),
    at: nowIso(),
    action: `MONTHLY_${item}_CLOSED_AREA_REORGANIZED`,
    actorId: 'system',
    ...states,
    deadline: { assignmentId, subject: SUBJECT[item], reference: period },
    change: stillDue.has(item) ? { kind: 'CANCELLED' } : { kind: 'CLOSED_UNMET' },
    payload: { reason: 'AREA_REORGANIZED', reorganizationId, effectiveOn },
  }));
  const written = steps.map((step) => run.writeStep(step));
  if (run.batch) await run.flush();
  await Promise.all(written);
}
