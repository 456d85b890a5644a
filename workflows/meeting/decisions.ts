import { patched } from '@temporalio/workflow';
import { dayOf } from '../../machines/calendar';
import { records } from '../activity-proxies';
import type { MeetingEvent } from '../../machines/meeting.machine';
import { offeredEventTypes } from '../../machines/rules';
import {
  type CancelArgs,
  type DecideAttendanceArgs,
  type DelegateArgs,
  type MeetingReportArgs,
  MeetingReportArgsSchema,
  type MeetingView,
  type MoveArgs,
  MoveArgsSchema,
  type RequestAttendanceArgs,
} from '../meeting.messages';
import { parseInput, refuse } from '../refusal';
import type { ApprovalVersion, MeetingRun } from './run-state';

/**
 * People's decisions, the meeting's update handlers, registered as they are (the wiring adds no step of its own, so
 * each keeps its place among the other coroutines). Each validates again (another update may have landed since its
 * validator ran), applies the event and records it with its deadline's step; the caller learns at once whether the
 * machine allowed it.
 */

/** The patch after which each attendance request follows the approval window in force on its day. Never rename it. */
const MEETING_APPROVAL_POLICY_IN_FORCE = 'meeting-approval-policy-in-force';

/**
 * The version of the meeting's programme in force today: its approval window when it took effect after the
 * invitation was recorded, else the window the meeting was invited under (the version then in force, or its caller's).
 */
async function approvalVersionInForce(run: MeetingRun): Promise<ApprovalVersion> {
  const { assignmentId, policy } = run.input;
  const inForce = await records.readPolicyInForce({ assignmentId, day: dayOf(Date.now()) });
  const later = inForce.effectiveFrom > run.invitedOn();
  return {
    programmeId: inForce.programmeId,
    label: inForce.label,
    approval: later ? inForce.policy.meetings.approval : policy.approval,
  };
}

export async function requestAttendance(
  run: MeetingRun,
  { actor, additionalMemberIds }: RequestAttendanceArgs,
): Promise<MeetingView> {
  const event: MeetingEvent = { type: 'REQUEST_ATTENDANCE', actor, additionalMemberIds };
  run.machine.validate(event);
  // The approval window of the version in force on the request's day, read by a local activity whose answer is
  // recorded; validated again, since another update may have landed meanwhile.
  const version = patched(MEETING_APPROVAL_POLICY_IN_FORCE) ? await approvalVersionInForce(run) : undefined;
  if (version) {
    run.machine.validate(event);
    run.approvalVersion = version;
  }
  run.requests += 1;
  run.approvalOpen = true;
  const written = run.step(
    event,
    actor.id,
    'MEETING_ATTENDANCE_REQUESTED',
    { kind: 'REQUESTED', attendeeId: run.context.attendeeId, additionalMemberIds: additionalMemberIds ?? [] },
    run.notice(run.input.leaderInChargeId, 'meeting.approval.requested', { due: run.context.startsAt }),
  );
  const opened = run.deadlineStep(
    'MEETING_APPROVAL',
    run.approvalRef(),
    'MEETING_APPROVAL_DEADLINE_OPENED',
    { kind: 'OPENED', dueAt: run.context.startsAt },
    [],
    run.approvalVersionPayload(),
  );
  await Promise.all([written, opened]);
  return run.view();
}

export async function decideAttendance(
  run: MeetingRun,
  { actor, approved, note }: DecideAttendanceArgs,
): Promise<MeetingView> {
  const event: MeetingEvent = { type: 'DECIDE_ATTENDANCE', actor, approved, note };
  run.machine.validate(event);
  const written = run.step(
    event,
    actor.id,
    approved ? 'MEETING_ATTENDANCE_APPROVED' : 'MEETING_ATTENDANCE_REJECTED',
    { kind: 'DECIDED', approved, decidedById: actor.id, note },
    [
      ...run.notice(run.context.attendeeId, 'meeting.approval.decided', { approved }),
      ...run.context.additionalMemberIds.flatMap((id) => run.notice(id, 'meeting.approval.decided', { approved })),
    ],
  );
  await Promise.all([written, run.closeApproval('MET')]);
  return run.view();
}

export async function delegateAttendance(run: MeetingRun, { actor, memberId }: DelegateArgs): Promise<MeetingView> {
  const event: MeetingEvent = { type: 'DELEGATE', actor, memberId };
  run.machine.validate(event);
  const written = run.step(
    event,
    actor.id,
    'MEETING_DELEGATED',
    { kind: 'DELEGATED', memberId },
    run.notice(memberId, 'meeting.delegated', { due: run.context.startsAt }),
  );
  await Promise.all([written, run.closeApproval('CANCELLED')]);
  return run.view();
}

/** A move is refused unless the machine allows it and the new time is still ahead. */
export function validateMove(run: MeetingRun, args: unknown): void {
  const { actor, startsAt, place } = parseInput(MoveArgsSchema, args);
  run.machine.validate({ type: 'MOVE', actor, startsAt, place: place ?? run.context.place });
  if (Date.parse(startsAt) <= Date.now()) {
    refuse('MOVE', {
      state: run.machine.state,
      allowedEvents: offeredEventTypes(run.machine.snapshot),
      violation: { rule: 'MEETING_MOVED_INTO_THE_PAST', message: 'A meeting is moved to a time still ahead' },
    });
  }
}

export async function moveMeeting(run: MeetingRun, args: MoveArgs): Promise<MeetingView> {
  validateMove(run, args);
  const { actor, startsAt, reason } = args;
  const place = args.place ?? run.context.place;
  const from = { startsAt: run.context.startsAt, place: run.context.place };
  const to = new Date(Date.parse(startsAt)).toISOString();
  await run.step(
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
      ...run.notice(run.context.attendeeId, 'meeting.moved', { due: to }),
      ...run.notice(run.input.leaderInChargeId, 'meeting.moved', { due: to }),
    ],
  );
  return run.view();
}

export async function cancelMeeting(run: MeetingRun, { actor, reason }: CancelArgs): Promise<MeetingView> {
  const event: MeetingEvent = { type: 'CANCEL', actor };
  run.machine.validate(event);
  const written = run.step(
    event,
    actor.id,
    'MEETING_CANCELLED',
    { kind: 'CANCELLED', reason, cancelledById: actor.id },
    [
      ...run.notice(run.context.attendeeId, 'meeting.cancelled'),
      ...run.notice(run.input.leaderInChargeId, 'meeting.cancelled'),
    ],
  );
  await Promise.all([written, run.closeApproval('CANCELLED')]);
  return run.view();
}

/**
 * The report (Đ7.A.5): on time, late, or by someone who attended without approval (the leader in charge is shown
 * it). Filed on time, the report's deadline is met.
 */
export async function fileMeetingReport(run: MeetingRun, args: MeetingReportArgs): Promise<MeetingView> {
  const { actor, notes, remarks, mattersForLeadership, personnelNotes } = MeetingReportArgsSchema.parse(args);
  const event: MeetingEvent = { type: 'FILE_REPORT', actor };
  run.machine.validate(event);
  const reportDue = run.top() === 'reportDue';
  const onTime = reportDue && run.reportDueAt !== undefined && Date.now() <= run.reportDueAt;
  const withoutApproval = !reportDue;
  const action = withoutApproval
    ? 'MEETING_REPORT_FILED_WITHOUT_APPROVAL'
    : onTime
      ? 'MEETING_REPORT_FILED'
      : 'MEETING_REPORT_FILED_LATE';
  const written = run.step(
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
    withoutApproval ? run.notice(run.input.leaderInChargeId, 'meeting.attendedWithoutApproval') : [],
  );
  const met =
    reportDue && onTime
      ? run.deadlineStep('MEETING_REPORT', run.input.meetingId, 'MEETING_REPORT_DEADLINE_MET', { kind: 'MET' })
      : undefined;
  await Promise.all([written, met]);
  return run.view();
}
