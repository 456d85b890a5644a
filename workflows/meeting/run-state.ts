import { condition, workflowInfo } from '@temporalio/workflow';
import { initialTransition } from 'xstate';
import type { DeadlineChange } from '../../activities/deadline-records';
import type { MeetingChange } from '../../activities/meeting-records';
import type { Notification } from '../../domain/outbox';
import type { NoticeTemplate } from '../../labels/notifications';
import { dayOf, endOfDay, WorkingCalendar } from '../../machines/calendar';
import { instantBefore, type MeetingPolicy } from '../../machines/meeting-policy';
import { type MeetingBody, type MeetingEvent, meetingMachine, meetingViolation } from '../../machines/meeting.machine';
import { offeredEventTypes, stateName } from '../../machines/rules';
import { records } from '../activity-proxies';
import type { AreaReorganizedArgs } from '../cross-workflow.schemas';
import type { MeetingView } from '../meeting.messages';
import { MachineRunner } from '../machine-runner';
import { OneWriter } from '../one-writer';
import { OpeningRecord } from '../opening-record';
import { nowIso, StepKeys } from '../step-keys';

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

type DeadlineSubject = 'MEETING_APPROVAL' | 'MEETING_REPORT';

/** A version of the programme's rules as an attendance request's approval follows it. */
export interface ApprovalVersion {
  programmeId: string;
  label: string;
  approval: MeetingPolicy['approval'];
}

/**
 * One meeting's run: the machine's snapshot, the attendance requests made, whether the current one's approval
 * deadline is open, the report's due instant; how a step is recorded (in order, one-writer.ts) and what the view
 * query answers. Handlers and the main flow share it; every field is read live.
 */
export class MeetingRun {
  readonly calendar: WorkingCalendar;
  readonly keys = new StepKeys();
  readonly writer = new OneWriter();
  readonly opening = new OpeningRecord();
  readonly machine: MachineRunner<typeof meetingMachine>;
  /** Attendance requests made so far: each has an approval deadline of its own (`approvalRef`). */
  requests = 0;
  approvalOpen = false;
  reportDueAt: number | undefined;
  /** The reorganisation in which the area ceases, once heard of (meeting/reorganisation.ts). */
  ceases: AreaReorganizedArgs | undefined;
  /**
   * The version whose approval window the current request follows, read on the request's day (requestAttendance);
   * unset in runs recorded before, which follow the window the meeting was invited under.
   */
  approvalVersion: ApprovalVersion | undefined;

  constructor(readonly input: MeetingWorkflowInput) {
    this.calendar = new WorkingCalendar(input.nonWorkingDays);
    this.machine = new MachineRunner(
      meetingMachine,
      initialTransition(meetingMachine, {
        meetingId: input.meetingId,
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
  }

  get context() {
    return this.machine.snapshot.context;
  }

  /** The top state ("awaitingApproval", "reportDue", ...). */
  top(): string {
    return stateName(this.machine.snapshot).split('.')[0]!;
  }

  isDone(): boolean {
    return this.machine.snapshot.status === 'done';
  }

  startsAtMs(): number {
    return Date.parse(this.context.startsAt);
  }

  /** The current request's approval deadline. */
  approvalRef(): string {
    return `${this.input.meetingId}/${this.requests}`;
  }

  /** The day the invitation was recorded: the run's start, the same on replay. */
  invitedOn(): string {
    return dayOf(workflowInfo().runStartTime.getTime());
  }

  /** What the approval deadline's rows carry: the version whose window they follow, when the run read it. */
  approvalVersionPayload(): Record<string, unknown> | undefined {
    const version = this.approvalVersion;
    return version && { policyVersion: { programmeId: version.programmeId, label: version.label } };
  }

  /** The approval's reminder and escalation, before the meeting's start as it stands now. */
  approvalTimes(): { reminderAt: number; escalationAt: number } {
    const approval = this.approvalVersion?.approval ?? this.input.policy.approval;
    return {
      reminderAt: instantBefore(this.startsAtMs(), approval.reminderBefore, this.calendar),
      escalationAt: instantBefore(this.startsAtMs(), approval.escalateBefore, this.calendar),
    };
  }

  /** The report, unfiled, is closed this many working days after it was due. */
  reportCloseAt(): number {
    const dueDay = dayOf(this.reportDueAt!);
    return endOfDay(this.calendar.addWorkingDays(dueDay, this.input.policy.report.closeUnfiledAfterWorkingDays));
  }

  view(): MeetingView {
    const { input, machine } = this;
    const c = this.context;
    const times = this.top() === 'awaitingApproval' ? this.approvalTimes() : undefined;
    return {
      meetingId: input.meetingId,
      assignmentId: input.assignmentId,
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
      reportDueAt: this.reportDueAt === undefined ? null : new Date(this.reportDueAt).toISOString(),
    };
  }

  /** Applies the event (if any) now and writes its step after the writes before it. */
  step(
    event: MeetingEvent | undefined,
    actorId: string,
    action: string,
    change: MeetingChange,
    notifications: Notification[] = [],
  ): Promise<unknown> {
    const states = event ? this.machine.apply(event) : undefined;
    const args = {
      idempotencyKey: this.keys.next(action),
      at: nowIso(),
      actorId,
      action,
      meetingId: this.input.meetingId,
      assignmentId: this.input.assignmentId,
      fromState: states?.fromState,
      toState: this.machine.state,
      change,
      notifications,
    };
    return this.writer.write(() => records.recordMeetingStep(args));
  }

  /** Writes a step of one of the meeting's deadlines, after the writes before it. */
  deadlineStep(
    subject: DeadlineSubject,
    reference: string,
    action: string,
    change: DeadlineChange,
    notifications: Notification[] = [],
    payload?: Record<string, unknown>,
  ): Promise<unknown> {
    const args = {
      idempotencyKey: this.keys.next(action),
      at: nowIso(),
      actorId: 'system',
      action,
      deadline: { assignmentId: this.input.assignmentId, subject, reference },
      change,
      notifications,
      ...(payload && { payload }),
    };
    return this.writer.write(() => records.recordDeadlineStep(args));
  }

  /** A notice about this meeting to one person, or none when there is nobody in that seat. */
  notice(recipientId: string | undefined, template: NoticeTemplate, extra: Record<string, unknown> = {}) {
    const { meetingId, assignmentId } = this.input;
    return recipientId ? [{ recipientId, template, payload: { meetingId, assignmentId, ...extra } }] : [];
  }

  /** Closes the approval deadline of the current request, if one is open. */
  async closeApproval(kind: 'MET' | 'CANCELLED'): Promise<void> {
    if (!this.approvalOpen) return;
    this.approvalOpen = false;
    await this.deadlineStep(
      'MEETING_APPROVAL',
      this.approvalRef(),
      kind === 'MET' ? 'MEETING_APPROVAL_DEADLINE_MET' : 'MEETING_APPROVAL_DEADLINE_CANCELLED',
      { kind },
    );
  }

  /** Waits until the instant or until the machine changes; true when it changed first. */
  async changedBefore(at: number): Promise<boolean> {
    const seen = this.machine.changes;
    const remaining = at - Date.now();
    if (remaining <= 0) return false;
    return condition(() => this.machine.changes !== seen, remaining);
  }
}
