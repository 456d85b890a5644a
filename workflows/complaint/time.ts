import { condition } from '@temporalio/workflow';
import { endOfDay } from '../../machines/calendar';
import { watchDeadline } from '../deadline-watch';
import { reportGround } from '../report-ground';
import type { ComplaintRun } from './run-state';

/**
 * What time brings a complaint: its filing, the verification's deadline (reminded, then escalated to the Head of
 * Board), and once verified as well-founded, the ground reported to the assignment and its outcome waited for. Each
 * step keeps the place it always had, so recorded histories replay.
 */

export async function recordFiled(run: ComplaintRun): Promise<void> {
  const { input } = run;
  await run.step(undefined, input.filedBy, 'COMPLAINT_FILED', {
    kind: 'FILED',
    workflowId: `complaint-${input.complaintId}`,
    officialId: input.officialId,
    summary: input.summary,
    source: input.source,
    filedById: input.filedBy,
    verificationDueAt: run.verificationDueAt,
  });
}

export async function watchVerification(run: ComplaintRun): Promise<void> {
  const { input, calendar, deadline, verificationDueAt } = run;
  const { complaintId } = input;
  const rung = { level: 1, target: 'HEAD_OF_BOARD' as const, recipientId: input.headOfBoardId };
  await run.recordDeadline('DEADLINE_OPENED', {
    action: 'COMPLAINT_VERIFICATION_DEADLINE_OPENED',
    deadline,
    change: { kind: 'OPENED', dueAt: verificationDueAt },
  });
  const verification = await watchDeadline({
    settled: () => run.context.outcome !== undefined,
    reminderAt: endOfDay(calendar.subtractWorkingDays(run.dueDay, input.policy.reminderWorkingDaysBefore)),
    onReminder: async () => {
      await run.recordDeadline('REMINDED', {
        actorId: 'system',
        action: 'COMPLAINT_VERIFICATION_REMINDER_SENT',
        deadline,
        change: { kind: 'REMINDED' },
        notifications: [
          {
            recipientRole: 'AUDITOR',
            template: 'complaint.verification.reminder',
            payload: { complaintId, verificationDueAt },
          },
        ],
      });
    },
    dueAt: endOfDay(run.dueDay),
    onMissed: async () => {
      const { fromState, toState } = run.machine.apply({ type: 'DEADLINE_MISSED' });
      await run.recordDeadline('MISSED', {
        actorId: 'system',
        action: 'COMPLAINT_VERIFICATION_DEADLINE_MISSED',
        fromState,
        toState,
        deadline,
        change: { kind: 'MISSED', escalation: rung },
        notifications: [
          { recipientId: rung.recipientId, template: 'complaint.verification.escalated', payload: { complaintId } },
        ],
      });
    },
    escalations: [],
  });
  if (verification === 'met') {
    await run.recordDeadline('MET', {
      actorId: 'system',
      action: 'COMPLAINT_VERIFICATION_DEADLINE_MET',
      deadline,
      change: { kind: 'MET' },
    });
  }
}

/**
 * Only a complaint verified as well-founded is a ground for early reassignment: reported to the assignment, it waits
 * for leadership's decision there (delivered), and records it.
 */
export async function reportIfFounded(run: ComplaintRun): Promise<void> {
  if (run.context.outcome !== 'WELL_FOUNDED') return;
  const delivered = await reportGround(run.input.assignmentWorkflowId, {
    kind: 'VERIFIED_COMPLAINT',
    complaintId: run.input.complaintId,
  });
  if (delivered) await condition(() => run.isDone());
  if (run.isDone()) {
    await run.step(undefined, 'system', 'COMPLAINT_ACTED_ON', {
      kind: 'ACTED_ON',
      action: run.context.action ?? 'NONE',
    });
  }
}
