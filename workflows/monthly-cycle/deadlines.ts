import type { NoticeTemplate } from '../../labels/notifications';
import { endOfDay } from '../../machines/calendar';
import type { FilingItem } from '../../machines/monthly-cycle.machine';
import { watchDeadline } from '../deadline-watch';
import { escalationChain } from '../escalation-chain';
import { nowIso } from '../step-keys';
import type { MonthRun } from './run-state';

/**
 * The month's two deadlines (Đ8.1, Đ8.2): opened together, then each watched: a reminder before it; after it the miss
 * recorded against the official and escalated up the chain; closed unfiled at last. Each step keeps the place it
 * always had, so recorded histories replay.
 */

const SUBJECT = { PLAN: 'MONTHLY_PLAN', REPORT: 'MONTHLY_REPORT' } as const;

/** The notices of each filing's deadline: before it, its miss (to the official) and its escalation (up the chain). */
const NOTICE: Record<FilingItem, Record<'reminder' | 'missed' | 'escalated', NoticeTemplate>> = {
  PLAN: { reminder: 'monthly.plan.reminder', missed: 'monthly.plan.missed', escalated: 'monthly.plan.escalated' },
  REPORT: {
    reminder: 'monthly.report.reminder',
    missed: 'monthly.report.missed',
    escalated: 'monthly.report.escalated',
  },
};

/**
 * Opens both deadlines. Written one after the other; batched, queued for the next flush, and the answer (`landed`)
 * awaited at the end: a failure surfaces there (or at the flush that sent them), never as an unhandled rejection.
 */
export async function openDeadlines(run: MonthRun): Promise<{ landed: Promise<unknown> }> {
  const { assignmentId, period, policyVersion } = run.input;
  const opened = (['PLAN', 'REPORT'] as const).map((item) => ({
    action: `MONTHLY_${item}_DEADLINE_OPENED`,
    deadline: { assignmentId, subject: SUBJECT[item], reference: period },
    change: { kind: 'OPENED' as const, dueAt: new Date(endOfDay(run.dueDays[item])).toISOString() },
    // The version whose days these are: on the audit row and the timeline.
    ...(policyVersion && { payload: { policyVersion } }),
  }));
  const openings: Promise<unknown>[] = [];
  for (const step of opened) {
    const write = run.writeStep({ ...step, idempotencyKey: run.keys.next('DEADLINES_OPENED'), at: nowIso() });
    if (run.batch) openings.push(write);
    else await write;
  }
  const landed = Promise.all(openings);
  landed.catch(() => undefined);
  return { landed };
}

/** One filing's deadline, from its reminder to its closing unfiled. */
export function watchFiling(run: MonthRun, item: FilingItem) {
  const { assignmentId, period, policy, officialId, parties } = run.input;
  const { calendar } = run;
  const chain = escalationChain(parties, officialId);
  const due = run.dueDays[item];
  const deadline = { assignmentId, subject: SUBJECT[item], reference: period };
  const escalationDay = calendar.addWorkingDays(due, policy.escalateToLeaderInChargeAfterWorkingDays);
  const escalate = async (rungIndex: number, kind: 'MISSED' | 'ESCALATED') => {
    const rung = chain[rungIndex]!;
    const states = run.machine.apply(
      kind === 'MISSED' ? { type: 'DEADLINE_MISSED', item } : { type: 'ESCALATED', item, level: rung.level },
    );
    await run.writeStep({
      idempotencyKey: run.keys.next(`${item}_${kind}`),
      at: nowIso(),
      action: kind === 'MISSED' ? `MONTHLY_${item}_DEADLINE_MISSED` : `MONTHLY_${item}_ESCALATED`,
      actorId: 'system',
      ...states,
      deadline,
      change: { kind, escalation: rung },
      notifications: [
        { recipientId: officialId, template: NOTICE[item].missed, payload: { assignmentId, period } },
        {
          recipientId: rung.recipientId,
          template: NOTICE[item].escalated,
          payload: { assignmentId, period, level: rung.level },
        },
      ],
    });
  };
  return watchDeadline({
    settled: () => run.settled(item),
    reminderAt: endOfDay(calendar.subtractWorkingDays(due, policy.reminderWorkingDaysBefore)),
    onReminder: () =>
      run
        .writeStep({
          idempotencyKey: run.keys.next(`${item}_REMINDED`),
          at: nowIso(),
          action: `MONTHLY_${item}_REMINDER_SENT`,
          actorId: 'system',
          deadline,
          change: { kind: 'REMINDED' },
          notifications: [
            { recipientId: officialId, template: NOTICE[item].reminder, payload: { assignmentId, period, due } },
          ],
        })
        .then(() => undefined),
    dueAt: endOfDay(due),
    onMissed: () => escalate(0, 'MISSED'),
    escalations: chain
      .slice(1)
      .map((_, index) => ({ at: endOfDay(escalationDay), run: () => escalate(index + 1, 'ESCALATED') })),
    flush: run.batch && run.flush,
    closeAt: endOfDay(calendar.addWorkingDays(due, policy.closeUnfiledAfterWorkingDays)),
    onClose: async () => {
      const states = run.machine.apply({ type: 'CLOSE_UNFILED', item });
      await run.writeStep({
        idempotencyKey: run.keys.next(`${item}_NOT_FILED`),
        at: nowIso(),
        action: `MONTHLY_${item}_NOT_FILED`,
        actorId: 'system',
        ...states,
        deadline,
        change: { kind: 'CLOSED_UNMET' },
      });
    },
  });
}
