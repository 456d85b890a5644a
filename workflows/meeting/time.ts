import { condition } from '@temporalio/workflow';
import { dayOf, endOfDay, startOfDay } from '../../machines/calendar';
import { WORKING_DAY_STARTS_AT_HOUR } from '../../machines/meeting-policy';
import { watchDeadline } from '../deadline-watch';
import { escalationChain } from '../escalation-chain';
import { meetingWorkflowId } from '../meeting.messages';
import type { MeetingRun } from './run-state';

const HOUR_MS = 60 * 60 * 1000;

/**
 * What time brings a meeting: the approval's reminder and escalation before it, its start, and after it the report's
 * deadline. Each step keeps the place it always had, so recorded histories replay.
 */

export async function recordInvitation(run: MeetingRun): Promise<void> {
  const { input } = run;
  await run.step(
    undefined,
    input.recordedById,
    'MEETING_INVITATION_RECORDED',
    {
      kind: 'RECORDED',
      workflowId: meetingWorkflowId(input.meetingId),
      areaId: input.areaId,
      groupId: input.groupId,
      body: input.body,
      startsAt: input.startsAt,
      place: input.place,
      agenda: input.agenda,
      invitedId: input.invitedId,
      recordedById: input.recordedById,
    },
    run.notice(input.invitedId, 'meeting.invited', { due: input.startsAt }),
  );
}

/**
 * Until the meeting starts: while a request awaits approval, the leader in charge is reminded, then the Head of Board
 * told, once per request and meeting time (a move or a new request resets them). At the start, whatever the state,
 * the meeting is behind (Đ5.2: decided before it, or not in time) and the report falls due.
 */
export async function untilMeetingStarts(run: MeetingRun): Promise<void> {
  const { input } = run;
  let approvalRound = '';
  let reminded = false;
  let escalated = false;
  while (!run.isDone() && run.top() !== 'reportDue') {
    const state = run.top();
    if (state === 'awaitingApproval') {
      const round = `${run.requests}@${run.context.startsAt}`;
      if (round !== approvalRound) [approvalRound, reminded, escalated] = [round, false, false];
      const { reminderAt, escalationAt } = run.approvalTimes();
      if (!reminded && !escalated && Date.now() < escalationAt) {
        if (await run.changedBefore(reminderAt)) continue;
        reminded = true;
        await run.deadlineStep(
          'MEETING_APPROVAL',
          run.approvalRef(),
          'MEETING_APPROVAL_REMINDER_SENT',
          { kind: 'REMINDED' },
          run.notice(input.leaderInChargeId, 'meeting.approval.reminder', { due: run.context.startsAt }),
          run.approvalVersionPayload(),
        );
        continue;
      }
      if (!escalated) {
        if (await run.changedBefore(escalationAt)) continue;
        escalated = true;
        const rung = { level: 1, target: 'HEAD_OF_BOARD' as const, recipientId: input.headOfBoardId };
        if (run.machine.snapshot.can({ type: 'ESCALATED' })) run.machine.apply({ type: 'ESCALATED' });
        await run.deadlineStep(
          'MEETING_APPROVAL',
          run.approvalRef(),
          'MEETING_APPROVAL_ESCALATED',
          { kind: 'ESCALATED', escalation: rung },
          run.notice(input.headOfBoardId, 'meeting.approval.escalated', { due: run.context.startsAt, level: 1 }),
          run.approvalVersionPayload(),
        );
        continue;
      }
    }
    if (await run.changedBefore(run.startsAtMs())) continue;
    await meetingStarted(run, state === 'awaitingApproval');
    break;
  }
}

/** The meeting's start: held, or (still undecided) not approved in time, its approval deadline missed. */
async function meetingStarted(run: MeetingRun, undecided: boolean): Promise<void> {
  const { input } = run;
  const reportDueAt = endOfDay(run.calendar.addWorkingDays(dayOf(Date.now()), input.policy.report.dueWorkingDaysAfter));
  run.reportDueAt = reportDueAt;
  if (undecided) run.approvalOpen = false;
  const written = run.step(
    { type: 'MEETING_STARTED' },
    'system',
    undecided ? 'MEETING_NOT_APPROVED_IN_TIME' : 'MEETING_HELD',
    { kind: 'STARTED', reportDueAt: new Date(reportDueAt).toISOString() },
    undecided
      ? [
          ...run.notice(run.context.attendeeId, 'meeting.approval.notInTime'),
          ...run.notice(input.leaderInChargeId, 'meeting.approval.notInTime'),
        ]
      : [],
  );
  const missed = undecided
    ? run.deadlineStep('MEETING_APPROVAL', run.approvalRef(), 'MEETING_APPROVAL_DEADLINE_MISSED', {
        kind: 'MISSED',
        escalation: { level: 2, target: 'HEAD_OF_BOARD', recipientId: input.headOfBoardId },
      })
    : undefined;
  await Promise.all([written, missed]);
}

/**
 * Đ7.A.5 'về báo công': the meeting report, reminded, missed and escalated up the chain against the attendee as a
 * monthly report is (watchDeadline), then closed as not filed. The reminder is sent only while it is still ahead.
 */
export async function watchReport(run: MeetingRun): Promise<void> {
  const { input, calendar } = run;
  const { meetingId, policy } = input;
  const dueAt = run.reportDueAt!;
  const dueDay = dayOf(dueAt);
  const attendeeId = run.context.attendeeId;
  const rungs = escalationChain(
    {
      filerIds: input.groupMemberIds,
      groupLeaderId: input.groupLeaderId,
      leaderInChargeId: input.leaderInChargeId,
      headOfBoardId: input.headOfBoardId,
    },
    attendeeId,
  );
  const settled = () => run.top() !== 'reportDue';
  await run.deadlineStep('MEETING_REPORT', meetingId, 'MEETING_REPORT_DEADLINE_OPENED', {
    kind: 'OPENED',
    dueAt: new Date(dueAt).toISOString(),
  });
  const reminderDay = calendar.subtractWorkingDays(dueDay, policy.report.reminderWorkingDaysBefore);
  const reminderAt = startOfDay(reminderDay) + WORKING_DAY_STARTS_AT_HOUR * HOUR_MS;
  const due = { due: new Date(dueAt).toISOString() };
  let level = 0;
  const escalate = async (kind: 'MISSED' | 'ESCALATED') => {
    const rung = rungs[level];
    level += 1;
    if (!rung) return;
    if (!settled()) run.machine.apply({ type: kind === 'MISSED' ? 'DEADLINE_MISSED' : 'ESCALATED' });
    await run.deadlineStep(
      'MEETING_REPORT',
      meetingId,
      kind === 'MISSED' ? 'MEETING_REPORT_DEADLINE_MISSED' : 'MEETING_REPORT_ESCALATED',
      { kind, escalation: rung },
      [
        ...(kind === 'MISSED' ? run.notice(attendeeId, 'meeting.report.missed', due) : []),
        ...run.notice(rung.recipientId, 'meeting.report.escalated', { ...due, level: rung.level }),
      ],
    );
  };
  const secondAt = endOfDay(calendar.addWorkingDays(dueDay, policy.report.escalateAfterWorkingDays));
  await watchDeadline({
    settled,
    ...(reminderAt > Date.now() && {
      reminderAt,
      onReminder: () =>
        run.deadlineStep(
          'MEETING_REPORT',
          meetingId,
          'MEETING_REPORT_REMINDER_SENT',
          { kind: 'REMINDED' },
          run.notice(attendeeId, 'meeting.report.reminder', due),
        ),
    }),
    dueAt,
    onMissed: () => escalate('MISSED'),
    escalations: rungs.length > 1 ? [{ at: secondAt, run: () => escalate('ESCALATED') }] : [],
    closeAt: run.reportCloseAt(),
    onClose: () => run.step({ type: 'CLOSE_UNFILED' }, 'system', 'MEETING_REPORT_NOT_FILED', { kind: 'ENDED' }),
  });
}

/** Not approved: only someone who attended all the same reports, until the report would have closed. */
export async function closeIfNotAttended(run: MeetingRun): Promise<void> {
  const closeAt = run.reportCloseAt();
  if (!(await condition(() => run.isDone(), Math.max(1, closeAt - Date.now())))) {
    await run.step({ type: 'CLOSE_UNFILED' }, 'system', 'MEETING_NOT_ATTENDED', { kind: 'ENDED' });
  }
}
