import { endOfDay } from '../../machines/calendar';
import { watchDeadline } from '../deadline-watch';
import { reportGround } from '../report-ground';
import type { EvaluationRun } from './run-state';

/**
 * What time brings an evaluation: the request to the area's committee and its deadline (reminded, missed, escalated
 * to the leader in charge, then the Head of Board), then, once rated, the grounds it establishes reported to the
 * assignment. Each step keeps the place it always had, so recorded histories replay.
 */

export async function watchAreaEvaluation(run: EvaluationRun): Promise<void> {
  const { input, calendar, deadline, dueDay, dueAt } = run;
  const { assignmentId, year, parties, policy } = input;
  await run.recordDeadline('DEADLINE_OPENED', {
    action: 'AREA_EVALUATION_DEADLINE_OPENED',
    deadline,
    change: { kind: 'OPENED', dueAt },
    ...(input.policyVersion && { payload: { policyVersion: input.policyVersion } }),
  });
  const chain = [
    { level: 1, target: 'LEADER_IN_CHARGE' as const, recipientId: parties.leaderInChargeId },
    { level: 2, target: 'HEAD_OF_BOARD' as const, recipientId: parties.headOfBoardId },
  ];
  const escalate = async (index: number) => {
    const rung = chain[index]!;
    const { fromState, toState } = run.machine.apply(
      index === 0 ? { type: 'DEADLINE_MISSED' } : { type: 'ESCALATED', level: rung.level },
    );
    await run.recordDeadline(index === 0 ? 'MISSED' : 'ESCALATED', {
      actorId: 'system',
      action: index === 0 ? 'AREA_EVALUATION_DEADLINE_MISSED' : 'AREA_EVALUATION_ESCALATED',
      fromState,
      toState,
      deadline,
      change: { kind: index === 0 ? 'MISSED' : 'ESCALATED', escalation: rung },
      notifications: [
        // The committee the request is with: the successor's once the area ceased (areaNaming).
        {
          recipientRole: 'AREA_COMMITTEE',
          template: 'evaluation.missed',
          payload: { assignmentId, ...run.areaNaming(), year },
        },
        {
          recipientId: rung.recipientId,
          template: 'evaluation.escalated',
          payload: { assignmentId, year, level: rung.level },
        },
      ],
    });
  };
  const areaDeadline = await watchDeadline({
    settled: () => run.context.areaEvaluation !== undefined || run.closedForReorganization(),
    reminderAt: endOfDay(calendar.subtractWorkingDays(dueDay, policy.reminderWorkingDaysBefore)),
    onReminder: async () => {
      await run.recordDeadline('REMINDED', {
        actorId: 'system',
        action: 'AREA_EVALUATION_REMINDER_SENT',
        deadline,
        change: { kind: 'REMINDED' },
        notifications: [
          {
            recipientRole: 'AREA_COMMITTEE',
            template: 'evaluation.reminder',
            payload: { assignmentId, ...run.areaNaming(), year, dueAt },
          },
        ],
      });
    },
    dueAt: endOfDay(dueDay),
    onMissed: () => escalate(0),
    escalations: [
      {
        at: endOfDay(calendar.addWorkingDays(dueDay, policy.escalateToLeaderInChargeAfterWorkingDays)),
        run: () => escalate(1),
      },
    ],
  });
  if (areaDeadline === 'met' && !run.closedForReorganization()) {
    await run.recordDeadline('MET', {
      actorId: 'system',
      action: 'AREA_EVALUATION_DEADLINE_MET',
      deadline,
      change: { kind: 'MET' },
    });
  }
}

/** A "not completed" rating, or an area asking for a replacement, is a ground for early reassignment. */
export async function reportGrounds(run: EvaluationRun): Promise<void> {
  const { assignmentWorkflowId, year } = run.input;
  const { rating, areaEvaluation } = run.context;
  if (rating?.rating === 'NOT_COMPLETED')
    await reportGround(assignmentWorkflowId, { kind: 'NOT_COMPLETED_RATING', year });
  if (areaEvaluation?.proposesReplacement)
    await reportGround(assignmentWorkflowId, { kind: 'AREA_PROPOSED_REPLACEMENT', year });
}
