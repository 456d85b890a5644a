import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { initialTransition } from 'xstate';
import type { DeadlineChange } from '../activities/deadline-records';
import type { MeetingChange } from '../activities/meeting-records';
import type { Notification } from '../domain/outbox';
import type { NoticeTemplate } from '../labels/notifications';
import { dayOf, endOfDay, startOfDay, WorkingCalendar } from '../machines/calendar';
import { instantBefore, type MeetingPolicy, WORKING_DAY_STARTS_AT_HOUR } from '../machines/meeting-policy';
import { type MeetingBody, type MeetingEvent, meetingMachine, meetingViolation } from '../machines/meeting.machine';
import { offeredEventTypes, stateName } from '../machines/rules';
import { records } from './activity-proxies';
import { escalationChain } from './escalation-chain';
import {
  CancelArgsSchema,
  cancelMeetingUpdate,
  DecideAttendanceArgsSchema,
  decideAttendanceUpdate,
  DelegateArgsSchema,
  delegateAttendanceUpdate,
  fileMeetingReportUpdate,
  MeetingReportArgsSchema,
  meetingStateQuery,
  type MeetingView,
  meetingWorkflowId,
  MoveArgsSchema,
  moveMeetingUpdate,
  RequestAttendanceArgsSchema,
  requestAttendanceUpdate,
} from './meeting.messages';
import { MachineRunner } from './machine-runner';
import { OneWriter } from './one-writer';
import { parseInput, refuse } from './refusal';
import { nowIso, StepKeys } from './step-keys';

const HOUR_MS = 60 * 60 * 1000;

export interface MeetingWorkflowInput {
  meetingId: string;
  areaId: string;
  /** The area's assignment: its timeline shows the meeting, its deadlines are recorded against it. */
  assignmentId: string;
  groupId: string | undefined;
  body: MeetingBody;
  startsAt: string;
  place: string;
  agenda: string;
  invitedId: string;
  groupLeaderId: string;
  groupMemberIds: string[];
  leaderInChargeId: string | undefined;
  headOfBoardId: string | undefined;
  /** The official or the area committee's user who recorded the invitation. */
  recordedById: string;
  policy: MeetingPolicy;
  nonWorkingDays: string[];
}

/**
 * An area's invitation to a meeting and the Board's attendance of it (Đ5.2, Đ7.B.3, Đ9.3). The attendee asks the
 * leader in charge, who is reminded before the meeting; still undecided later, the Head of Board is told; undecided at
 * the start, the request is recorded as not approved in time. After the meeting the report is due (Đ7.A.5): reminded,
 * then, missed, escalated up the chain against the attendee and finally closed as not filed. Moves move the timers,
 * a cancellation stops them; the records keep both.
 */
export async function meetingWorkflow(input: MeetingWorkflowInput): Promise<{ state: string }> {
  const { meetingId, assignmentId, policy } = input;
  const calendar = new WorkingCalendar(input.nonWorkingDays);
  const keys = new StepKeys();
  const writer = new OneWriter();
  const machine = new MachineRunner(
    meetingMachine,
    initialTransition(meetingMachine, {
      meetingId,
      areaId: input.areaId,
      invitedId: input.invitedId,
      groupLeaderId: input.groupLeaderId,
      groupMemberIds: input.groupMemberIds,
      leaderInChargeId: input.leaderInChargeId,
      recordedById: input.recordedById,
      startsAt: input.startsAt,
      place: input.place,
    })[0],
    (snapshot, event) => meetingViolation(snapshot.context, event),
  );
  const ctx = () => machine.snapshot.context;
  const top = () => stateName(machine.snapshot).split('.')[0]!;
  const startsAtMs = () => Date.parse(ctx().startsAt);

  let requests = 0;
  let approvalOpen = false;
  let reportDueAt: number | undefined;
  const approvalRef = () => `${meetingId}/${requests}`;
  const approvalTimes = () => ({
    reminderAt: instantBefore(startsAtMs(), policy.approval.reminderBefore, calendar),
    escalationAt: instantBefore(startsAtMs(), policy.approval.escalateBefore, calendar),
  });

  const view = (): MeetingView => {
    const c = ctx();
    const awaiting = top() === 'awaitingApproval';
    const times = awaiting ? approvalTimes() : undefined;
    return {
      meetingId,
      assignmentId,
      areaId: input.areaId,
      state: machine.state,
      // A report is offered once the meeting is behind (before it, it is refused by REPORT_BEFORE_MEETING).
      allowedEvents: offeredEventTypes(machine.snapshot).filter((e) => e !== 'FILE_REPORT' || c.held),
      startsAt: c.startsAt,
      place: c.place,
      invitedId: c.invitedId,
      attendeeId: c.attendeeId,
      onBehalfOfGroupLeader: c.onBehalfOfGroupLeader,
      additionalMemberIds: c.additionalMemberIds,
      approved: c.approved ?? null,
      decidedById: c.decidedById ?? null,
      approvalReminderAt: times ? new Date(times.reminderAt).toISOString() : null,
      approvalEscalationAt: times ? new Date(times.escalationAt).toISOString() : null,
      reportDueAt: reportDueAt === undefined ? null : new Date(reportDueAt).toISOString(),
    };
  };

  /** Applies the event (if any) now and writes its step after the writes before it. */
  const step = (
    event: MeetingEvent | undefined,
    actorId: string,
    action: string,
    change: MeetingChange,
    notifications: Notification[] = [],
  ): Promise<unknown> => {
    const states = event ? machine.apply(event) : undefined;
    const args = {
      idempotencyKey: keys.next(action),
      at: nowIso(),
      actorId,
      action,
      meetingId,
      assignmentId,
      fromState: states?.fromState,
      toState: machine.state,
      change,
      notifications,
    };
    return writer.write(() => records.recordMeetingStep(args));
  };
  const deadlineStep = (
    subject: 'MEETING_APPROVAL' | 'MEETING_REPORT',
    reference: string,
    action: string,
    change: DeadlineChange,
    notifications: Notification[] = [],
  ): Promise<unknown> => {
    const args = {
      idempotencyKey: keys.next(action),
      at: nowIso(),
      actorId: 'system',
      action,
      deadline: { assignmentId, subject, reference },
      change,
      notifications,
    };
    return writer.write(() => records.recordDeadlineStep(args));
  };
  const notice = (recipientId: string | undefined, template: NoticeTemplate, extra: Record<string, unknown> = {}) =>
    recipientId ? [{ recipientId, template, payload: { meetingId, assignmentId, ...extra } }] : [];
  /** Closes the approval deadline of the current request, if one is open. */
  const closeApproval = async (kind: 'MET' | 'CANCELLED') => {
    if (!approvalOpen) return;
    approvalOpen = false;
    await deadlineStep(
      'MEETING_APPROVAL',
      approvalRef(),
      kind === 'MET' ? 'MEETING_APPROVAL_DEADLINE_MET' : 'MEETING_APPROVAL_DEADLINE_CANCELLED',
      { kind },
    );
  };

  setHandler(meetingStateQuery, view);
  setHandler(
    requestAttendanceUpdate,
    async ({ actor, additionalMemberIds }) => {
      const event: MeetingEvent = { type: 'REQUEST_ATTENDANCE', actor, additionalMemberIds };
      machine.validate(event);
      requests += 1;
      approvalOpen = true;
      const written = step(
        event,
        actor.id,
        'MEETING_ATTENDANCE_REQUESTED',
        { kind: 'REQUESTED', attendeeId: ctx().attendeeId, additionalMemberIds: additionalMemberIds ?? [] },
        notice(input.leaderInChargeId, 'meeting.approval.requested', { due: ctx().startsAt }),
      );
      const opened = deadlineStep('MEETING_APPROVAL', approvalRef(), 'MEETING_APPROVAL_DEADLINE_OPENED', {
        kind: 'OPENED',
        dueAt: ctx().startsAt,
      });
      await Promise.all([written, opened]);
      return view();
    },
    {
      validator: (args) =>
        machine.validate({ type: 'REQUEST_ATTENDANCE', ...parseInput(RequestAttendanceArgsSchema, args) }),
    },
  );
  setHandler(
    decideAttendanceUpdate,
    async ({ actor, approved, note }) => {
      const event: MeetingEvent = { type: 'DECIDE_ATTENDANCE', actor, approved, note };
      machine.validate(event);
      const written = step(
        event,
        actor.id,
        approved ? 'MEETING_ATTENDANCE_APPROVED' : 'MEETING_ATTENDANCE_REJECTED',
        { kind: 'DECIDED', approved, decidedById: actor.id, note },
        [
          ...notice(ctx().attendeeId, 'meeting.approval.decided', { approved }),
          ...ctx().additionalMemberIds.flatMap((id) => notice(id, 'meeting.approval.decided', { approved })),
        ],
      );
      await Promise.all([written, closeApproval('MET')]);
      return view();
    },
    {
      validator: (args) =>
        machine.validate({ type: 'DECIDE_ATTENDANCE', ...parseInput(DecideAttendanceArgsSchema, args) }),
    },
  );
  setHandler(
    delegateAttendanceUpdate,
    async ({ actor, memberId }) => {
      const event: MeetingEvent = { type: 'DELEGATE', actor, memberId };
      machine.validate(event);
      const written = step(
        event,
        actor.id,
        'MEETING_DELEGATED',
        { kind: 'DELEGATED', memberId },
        notice(memberId, 'meeting.delegated', { due: ctx().startsAt }),
      );
      await Promise.all([written, closeApproval('CANCELLED')]);
      return view();
    },
    { validator: (args) => machine.validate({ type: 'DELEGATE', ...parseInput(DelegateArgsSchema, args) }) },
  );
  const validateMove = (args: unknown) => {
    const { actor, startsAt, place } = parseInput(MoveArgsSchema, args);
    machine.validate({ type: 'MOVE', actor, startsAt, place: place ?? ctx().place });
    if (Date.parse(startsAt) <= Date.now()) {
      refuse('MOVE', {
        state: machine.state,
        allowedEvents: offeredEventTypes(machine.snapshot),
        violation: { rule: 'MEETING_MOVED_INTO_THE_PAST', message: 'A meeting is moved to a time still ahead' },
      });
    }
  };
  setHandler(
    moveMeetingUpdate,
    async (args) => {
      validateMove(args);
      const { actor, startsAt, reason } = args;
      const place = args.place ?? ctx().place;
      const from = { startsAt: ctx().startsAt, place: ctx().place };
      const to = new Date(Date.parse(startsAt)).toISOString();
      await step(
        { type: 'MOVE', actor, startsAt: to, place },
        actor.id,
        'MEETING_MOVED',
        {
          kind: 'MOVED',
          fromStartsAt: from.startsAt,
          toStartsAt: to,
          fromPlace: from.place,
          toPlace: place,
          reason,
          movedById: actor.id,
        },
        [
          ...notice(ctx().attendeeId, 'meeting.moved', { due: to }),
          ...notice(input.leaderInChargeId, 'meeting.moved', { due: to }),
        ],
      );
      return view();
    },
    { validator: validateMove },
  );
  setHandler(
    cancelMeetingUpdate,
    async ({ actor, reason }) => {
      const event: MeetingEvent = { type: 'CANCEL', actor };
      machine.validate(event);
      const written = step(
        event,
        actor.id,
        'MEETING_CANCELLED',
        { kind: 'CANCELLED', reason, cancelledById: actor.id },
        [...notice(ctx().attendeeId, 'meeting.cancelled'), ...notice(input.leaderInChargeId, 'meeting.cancelled')],
      );
      await Promise.all([written, closeApproval('CANCELLED')]);
      return view();
    },
    { validator: (args) => machine.validate({ type: 'CANCEL', ...parseInput(CancelArgsSchema, args) }) },
  );
  setHandler(
    fileMeetingReportUpdate,
    async (args) => {
      const { actor, notes, remarks, mattersForLeadership, personnelNotes } = MeetingReportArgsSchema.parse(args);
      const event: MeetingEvent = { type: 'FILE_REPORT', actor };
      machine.validate(event);
      const onTime = top() === 'reportDue' && reportDueAt !== undefined && Date.now() <= reportDueAt;
      const withoutApproval = top() !== 'reportDue';
      const reportDue = top() === 'reportDue';
      const action = withoutApproval
        ? 'MEETING_REPORT_FILED_WITHOUT_APPROVAL'
        : onTime
          ? 'MEETING_REPORT_FILED'
          : 'MEETING_REPORT_FILED_LATE';
      const written = step(
        event,
        actor.id,
        action,
        {
          kind: 'REPORTED',
          notes,
          remarks,
          mattersForLeadership,
          personnelNotes,
          filedById: actor.id,
          late: !withoutApproval && !onTime,
          withoutApproval,
        },
        // Attended without approval: the leader in charge is shown it (issue 14.4).
        withoutApproval ? notice(input.leaderInChargeId, 'meeting.attendedWithoutApproval') : [],
      );
      const met =
        reportDue && onTime
          ? deadlineStep('MEETING_REPORT', meetingId, 'MEETING_REPORT_DEADLINE_MET', { kind: 'MET' })
          : undefined;
      await Promise.all([written, met]);
      return view();
    },
    { validator: (args) => machine.validate({ type: 'FILE_REPORT', ...parseInput(MeetingReportArgsSchema, args) }) },
  );

  await step(
    undefined,
    input.recordedById,
    'MEETING_INVITATION_RECORDED',
    {
      kind: 'RECORDED',
      workflowId: meetingWorkflowId(meetingId),
      areaId: input.areaId,
      groupId: input.groupId,
      body: input.body,
      startsAt: input.startsAt,
      place: input.place,
      agenda: input.agenda,
      invitedId: input.invitedId,
      recordedById: input.recordedById,
    },
    notice(input.invitedId, 'meeting.invited', { due: input.startsAt }),
  );

  /** Waits until the instant or until the machine changes; true when it changed first. */
  const changedBefore = async (at: number): Promise<boolean> => {
    const seen = machine.changes;
    const remaining = at - Date.now();
    if (remaining <= 0) return false;
    return condition(() => machine.changes !== seen, remaining);
  };

  // The approval's reminder and escalation, once per request and meeting time (a move or a new request resets them).
  let approvalRound = '';
  let reminded = false;
  let escalated = false;
  while (machine.snapshot.status !== 'done' && top() !== 'reportDue') {
    const state = top();
    if (state === 'awaitingApproval') {
      const round = `${requests}@${ctx().startsAt}`;
      if (round !== approvalRound) [approvalRound, reminded, escalated] = [round, false, false];
      const { reminderAt, escalationAt } = approvalTimes();
      if (!reminded && !escalated && Date.now() < escalationAt) {
        if (await changedBefore(reminderAt)) continue;
        reminded = true;
        await deadlineStep(
          'MEETING_APPROVAL',
          approvalRef(),
          'MEETING_APPROVAL_REMINDER_SENT',
          { kind: 'REMINDED' },
          notice(input.leaderInChargeId, 'meeting.approval.reminder', { due: ctx().startsAt }),
        );
        continue;
      }
      if (!escalated) {
        if (await changedBefore(escalationAt)) continue;
        escalated = true;
        const rung = { level: 1, target: 'HEAD_OF_BOARD' as const, recipientId: input.headOfBoardId };
        if (machine.snapshot.can({ type: 'ESCALATED' })) machine.apply({ type: 'ESCALATED' });
        await deadlineStep(
          'MEETING_APPROVAL',
          approvalRef(),
          'MEETING_APPROVAL_ESCALATED',
          { kind: 'ESCALATED', escalation: rung },
          notice(input.headOfBoardId, 'meeting.approval.escalated', { due: ctx().startsAt, level: 1 }),
        );
        continue;
      }
    }
    if (await changedBefore(startsAtMs())) continue;
    // The meeting's start: whatever the state, the meeting is now behind (Đ5.2: decided before it, or not in time).
    const heldAt = Date.now();
    reportDueAt = endOfDay(calendar.addWorkingDays(dayOf(heldAt), policy.report.dueWorkingDaysAfter));
    const undecided = state === 'awaitingApproval';
    if (undecided) approvalOpen = false;
    const written = step(
      { type: 'MEETING_STARTED' },
      'system',
      undecided ? 'MEETING_NOT_APPROVED_IN_TIME' : 'MEETING_HELD',
      { kind: 'STARTED', reportDueAt: new Date(reportDueAt).toISOString() },
      undecided
        ? [
            ...notice(ctx().attendeeId, 'meeting.approval.notInTime'),
            ...notice(input.leaderInChargeId, 'meeting.approval.notInTime'),
          ]
        : [],
    );
    const missed = undecided
      ? deadlineStep('MEETING_APPROVAL', approvalRef(), 'MEETING_APPROVAL_DEADLINE_MISSED', {
          kind: 'MISSED',
          escalation: { level: 2, target: 'HEAD_OF_BOARD', recipientId: input.headOfBoardId },
        })
      : undefined;
    await Promise.all([written, missed]);
    break;
  }

  if (top() === 'reportDue') await watchReport();
  else if (machine.snapshot.status !== 'done') {
    // Not approved: only someone who attended all the same reports, until the report would have closed.
    const closeAt = reportCloseAt();
    if (!(await condition(() => machine.snapshot.status === 'done', Math.max(1, closeAt - Date.now())))) {
      await step({ type: 'CLOSE_UNFILED' }, 'system', 'MEETING_NOT_ATTENDED', { kind: 'ENDED' });
    }
  }
  await condition(allHandlersFinished);
  return { state: machine.state };

  function reportCloseAt(): number {
    const dueDay = dayOf(reportDueAt!);
    return endOfDay(calendar.addWorkingDays(dueDay, policy.report.closeUnfiledAfterWorkingDays));
  }

  /** Đ7.A.5 'về báo công': the meeting report, reminded, missed, escalated as a monthly report is, then closed. */
  async function watchReport(): Promise<void> {
    const dueAt = reportDueAt!;
    const dueDay = dayOf(dueAt);
    const attendeeId = ctx().attendeeId;
    const rungs = escalationChain(
      {
        filerIds: input.groupMemberIds,
        groupLeaderId: input.groupLeaderId,
        leaderInChargeId: input.leaderInChargeId,
        headOfBoardId: input.headOfBoardId,
      },
      attendeeId,
    );
    const settled = () => top() !== 'reportDue';
    await deadlineStep('MEETING_REPORT', meetingId, 'MEETING_REPORT_DEADLINE_OPENED', {
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
      if (!settled()) machine.apply({ type: kind === 'MISSED' ? 'DEADLINE_MISSED' : 'ESCALATED' });
      await deadlineStep(
        'MEETING_REPORT',
        meetingId,
        kind === 'MISSED' ? 'MEETING_REPORT_DEADLINE_MISSED' : 'MEETING_REPORT_ESCALATED',
        { kind, escalation: rung },
        [
          ...(kind === 'MISSED' ? notice(attendeeId, 'meeting.report.missed', due) : []),
          ...notice(rung.recipientId, 'meeting.report.escalated', { ...due, level: rung.level }),
        ],
      );
    };
    if (reminderAt > Date.now() && !(await settledBy(settled, reminderAt))) {
      await deadlineStep(
        'MEETING_REPORT',
        meetingId,
        'MEETING_REPORT_REMINDER_SENT',
        { kind: 'REMINDED' },
        notice(attendeeId, 'meeting.report.reminder', due),
      );
    }
    if (await settledBy(settled, dueAt)) return;
    await escalate('MISSED');
    const secondAt = endOfDay(calendar.addWorkingDays(dueDay, policy.report.escalateAfterWorkingDays));
    if (rungs.length > 1) {
      if (await settledBy(settled, secondAt)) return;
      await escalate('ESCALATED');
    }
    if (await settledBy(settled, reportCloseAt())) return;
    await step({ type: 'CLOSE_UNFILED' }, 'system', 'MEETING_REPORT_NOT_FILED', { kind: 'ENDED' });
  }
}

/** Waits until `settled()` or the instant; true when settled first. */
async function settledBy(settled: () => boolean, at: number): Promise<boolean> {
  if (settled()) return true;
  const remaining = at - Date.now();
  if (remaining <= 0) return false;
  return condition(settled, remaining);
}
