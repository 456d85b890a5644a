import { and, assign, setup } from 'xstate';
import { type Actor } from './actor';
import { firstViolation, type Rule } from './rules';

export { MEETING_BODIES, type MeetingBody } from './meeting-policy';

export interface MeetingContext {
  meetingId: string;
  areaId: string;
  /** The official the invitation names: the group leader unless it says otherwise (Đ9.3). */
  invitedId: string;
  /** Who will attend: the invited, or the member the group leader delegated (Đ7.B.3). */
  attendeeId: string;
  onBehalfOfGroupLeader: boolean;
  /** Members the group leader asked leadership to send as well (Đ7.B.3 'cử thêm thành viên'). */
  additionalMemberIds: string[];
  groupLeaderId: string;
  /** The group's current members, the leader included. */
  groupMemberIds: string[];
  /** The Board leader in charge of the area (lãnh đạo Ban phụ trách). */
  leaderInChargeId: string | undefined;
  /** Who recorded the invitation, and the area committee's user when the area sent it. */
  recordedById: string;
  startsAt: string;
  place: string;
  /** Set once the meeting's start has passed (the workflow's clock says so). */
  held: boolean;
  decidedById?: string | undefined;
  approved?: boolean | undefined;
  withoutApproval: boolean;
  /** The reorganisation in which the area ceased before the meeting, which cancelled it (no one's doing). */
  reorganizationId?: string | undefined;
}

export type MeetingInput = Omit<
  MeetingContext,
  'attendeeId' | 'onBehalfOfGroupLeader' | 'additionalMemberIds' | 'held' | 'withoutApproval'
>;

export type MeetingEvent =
  | { type: 'REQUEST_ATTENDANCE'; actor: Actor; additionalMemberIds?: string[] | undefined }
  | { type: 'DECIDE_ATTENDANCE'; actor: Actor; approved: boolean; note?: string | undefined }
  | { type: 'DELEGATE'; actor: Actor; memberId: string }
  | { type: 'MOVE'; actor: Actor; startsAt: string; place: string }
  | { type: 'CANCEL'; actor: Actor }
  | { type: 'FILE_REPORT'; actor: Actor }
  | { type: 'MEETING_STARTED' }
  | { type: 'ESCALATED' }
  | { type: 'DEADLINE_MISSED' }
  | { type: 'CLOSE_UNFILED' }
  /** The area ceases in a reorganisation before the meeting: sent by the workflow on the effective day. */
  | { type: 'AREA_REORGANIZED'; reorganizationId: string };

type Ctx = MeetingContext;
type Ev<T extends MeetingEvent['type']> = Extract<MeetingEvent, { type: T }>;

/** Đ5.2 'được sự đồng ý của lãnh đạo phụ trách': only the leader in charge of the area, or the Head of Board, decides. */
const deciderInCharge: Rule<Ctx, { actor: Actor }> = (c, e) =>
  e.actor.roles.includes('HEAD_OF_BOARD') || (c.leaderInChargeId !== undefined && e.actor.id === c.leaderInChargeId)
    ? null
    : {
        rule: 'DECIDER_NOT_IN_CHARGE',
        message: 'Attendance is approved by the leader in charge of the area or the Head of Board (Đ5.2)',
      };

/** Nobody decides their own request, nor one that sends them too. */
const notSelfApproval: Rule<Ctx, { actor: Actor }> = (c, e) =>
  e.actor.id === c.attendeeId || c.additionalMemberIds.includes(e.actor.id)
    ? { rule: 'SELF_APPROVAL', message: 'Nobody approves their own attendance' }
    : null;

/** The one who will attend asks (Đ5.2): the invited, or the member delegated in their place (Đ7.B.3). */
const requesterAttends: Rule<Ctx, { actor: Actor }> = (c, e) =>
  e.actor.id === c.attendeeId
    ? null
    : { rule: 'REQUESTER_NOT_ATTENDEE', message: 'Approval is asked by the one who will attend the meeting' };

/** Đ7.B.3 'báo cáo Lãnh đạo Ban cử thêm thành viên': the group leader asks for more members, from the group. */
const addedMembersFromGroup: Rule<Ctx, Ev<'REQUEST_ATTENDANCE'>> = (c, e) => {
  const added = e.additionalMemberIds ?? [];
  if (added.length === 0) return null;
  if (e.actor.id !== c.groupLeaderId)
    return { rule: 'ADD_MEMBERS_GROUP_LEADER_ONLY', message: 'Only the group leader asks for more members (Đ7.B.3)' };
  if (added.some((id) => !c.groupMemberIds.includes(id) || id === c.attendeeId))
    return { rule: 'ADDED_MEMBER_NOT_IN_GROUP', message: 'Members sent as well are other members of the group' };
  return null;
};

/** Đ7.B.3 'Trường hợp Trưởng nhóm bận thì cử một thành viên trong nhóm': the group leader delegates, to a member. */
const delegatorLeadsGroup: Rule<Ctx, { actor: Actor }> = (c, e) =>
  e.actor.id === c.groupLeaderId
    ? null
    : { rule: 'DELEGATOR_NOT_GROUP_LEADER', message: 'Only the group leader delegates attendance (Đ7.B.3)' };

const delegateIsMember: Rule<Ctx, Ev<'DELEGATE'>> = (c, e) =>
  c.groupMemberIds.includes(e.memberId) && e.memberId !== c.groupLeaderId
    ? null
    : { rule: 'DELEGATE_NOT_GROUP_MEMBER', message: 'The delegate must be another member of the group (Đ7.B.3)' };

/** The group leader delegates only an invitation addressed to them. */
const invitationToGroupLeader: Rule<Ctx, Ev<'DELEGATE'>> = (c) =>
  c.invitedId === c.groupLeaderId
    ? null
    : { rule: 'INVITATION_NOT_TO_GROUP_LEADER', message: 'Only an invitation to the group leader is delegated' };

/** The area (its committee, or whoever recorded the invitation) or the attendee records a cancellation or a move. */
const hasPartInMeeting: Rule<Ctx, { actor: Actor }> = (c, e) =>
  (e.actor.roles.includes('AREA_COMMITTEE') && e.actor.areaId === c.areaId) ||
  [c.attendeeId, c.invitedId, c.groupLeaderId, c.recordedById].includes(e.actor.id)
    ? null
    : { rule: 'NO_PART_IN_MEETING', message: 'The area or the attendee records a cancelled or moved meeting' };

/** Đ7.A.5 'về báo công': the attendee reports, after the meeting. */
const reporterAttended: Rule<Ctx, { actor: Actor }> = (c, e) =>
  e.actor.id === c.attendeeId || c.additionalMemberIds.includes(e.actor.id)
    ? null
    : { rule: 'REPORTER_NOT_ATTENDEE', message: 'The meeting report is filed by the one who attended' };

const reportAfterMeeting: Rule<Ctx, unknown> = (c) =>
  c.held ? null : { rule: 'REPORT_BEFORE_MEETING', message: 'A meeting report is filed only after the meeting' };

export const meetingRules = {
  REQUEST_ATTENDANCE: [requesterAttends, addedMembersFromGroup] as Rule<Ctx, MeetingEvent>[],
  DECIDE_ATTENDANCE: [deciderInCharge, notSelfApproval] as Rule<Ctx, MeetingEvent>[],
  DELEGATE: [delegatorLeadsGroup, invitationToGroupLeader, delegateIsMember] as Rule<Ctx, MeetingEvent>[],
  MOVE: [hasPartInMeeting] as Rule<Ctx, MeetingEvent>[],
  CANCEL: [hasPartInMeeting] as Rule<Ctx, MeetingEvent>[],
  FILE_REPORT: [reporterAttended, reportAfterMeeting] as Rule<Ctx, MeetingEvent>[],
};

/** The rule a person's event breaks in this context, or null. */
export function meetingViolation(context: Ctx, event: MeetingEvent) {
  const rules = (meetingRules as Partial<Record<MeetingEvent['type'], Rule<Ctx, MeetingEvent>[]>>)[event.type];
  return rules ? firstViolation(rules, context, event) : null;
}

/** The top-level states in which the meeting is still ahead: it may be moved, cancelled or delegated. */
const AHEAD = ['invited', 'awaitingApproval', 'approved', 'rejected'] as const;

/**
 * One invitation of an area to a meeting and the Board's attendance of it (Đ5.2, Đ7.B.3, Đ9.3): the attendee asks
 * the leader in charge, who decides before the meeting (else it is recorded as not approved in time); after the
 * meeting the attendee files the report (Đ7.A.5), or it is recorded missing. A meeting attended without approval is
 * reported as such. Moves keep the state; a cancellation ends it, and so does the area ceasing in a reorganisation
 * while the meeting is still ahead (AREA_REORGANIZED: cancelled by no one, nothing charged to anyone). Time is the
 * workflow's: it sends MEETING_STARTED, ESCALATED, DEADLINE_MISSED, CLOSE_UNFILED and AREA_REORGANIZED.
 */
export const meetingMachine = setup({
  types: { context: {} as MeetingContext, events: {} as MeetingEvent, input: {} as MeetingInput },
  guards: {
    allowed: ({ context, event }) => meetingViolation(context, event) === null,
    approves: ({ event }) => event.type === 'DECIDE_ATTENDANCE' && event.approved,
  },
  actions: {
    storeRequest: assign({
      additionalMemberIds: ({ event }) => (event as Ev<'REQUEST_ATTENDANCE'>).additionalMemberIds ?? [],
    }),
    storeDecision: assign(({ event }) => {
      const decision = event as Ev<'DECIDE_ATTENDANCE'>;
      return { decidedById: decision.actor.id, approved: decision.approved };
    }),
    storeDelegate: assign(({ event }) => ({
      attendeeId: (event as Ev<'DELEGATE'>).memberId,
      onBehalfOfGroupLeader: true,
      additionalMemberIds: [],
      decidedById: undefined,
      approved: undefined,
    })),
    storeMove: assign(({ event }) => {
      const move = event as Ev<'MOVE'>;
      return { startsAt: move.startsAt, place: move.place };
    }),
    storeReorganization: assign({
      reorganizationId: ({ event }) => (event as Ev<'AREA_REORGANIZED'>).reorganizationId,
    }),
    markHeld: assign({ held: true }),
    markWithoutApproval: assign({ withoutApproval: true }),
  },
}).createMachine({
  id: 'meeting',
  context: ({ input }) => ({
    ...input,
    attendeeId: input.invitedId,
    onBehalfOfGroupLeader: false,
    additionalMemberIds: [],
    held: false,
    withoutApproval: false,
  }),
  initial: 'invited',
  states: {
    invited: {
      on: {
        REQUEST_ATTENDANCE: { guard: 'allowed', target: 'awaitingApproval', actions: 'storeRequest' },
        DELEGATE: { guard: 'allowed', target: 'invited', reenter: true, actions: 'storeDelegate' },
        MOVE: { guard: 'allowed', actions: 'storeMove' },
        CANCEL: { guard: 'allowed', target: 'cancelled' },
        AREA_REORGANIZED: { target: 'cancelled', actions: 'storeReorganization' },
        MEETING_STARTED: { target: 'notRequested', actions: 'markHeld' },
      },
    },
    awaitingApproval: {
      initial: 'inTime',
      on: {
        DECIDE_ATTENDANCE: [
          { guard: and(['allowed', 'approves']), target: 'approved', actions: 'storeDecision' },
          { guard: 'allowed', target: 'rejected', actions: 'storeDecision' },
        ],
        DELEGATE: { guard: 'allowed', target: 'invited', actions: 'storeDelegate' },
        MOVE: { guard: 'allowed', actions: 'storeMove' },
        CANCEL: { guard: 'allowed', target: 'cancelled' },
        AREA_REORGANIZED: { target: 'cancelled', actions: 'storeReorganization' },
        MEETING_STARTED: { target: 'notApprovedInTime', actions: 'markHeld' },
      },
      states: {
        inTime: { on: { ESCALATED: 'escalated' } },
        escalated: {},
      },
    },
    approved: {
      on: {
        DELEGATE: { guard: 'allowed', target: 'invited', actions: 'storeDelegate' },
        MOVE: { guard: 'allowed', actions: 'storeMove' },
        CANCEL: { guard: 'allowed', target: 'cancelled' },
        AREA_REORGANIZED: { target: 'cancelled', actions: 'storeReorganization' },
        MEETING_STARTED: { target: 'reportDue', actions: 'markHeld' },
        // Never passes (the meeting is ahead): listed so that a report sent early is refused by its rule's name.
        FILE_REPORT: { guard: 'allowed', target: 'reported' },
      },
    },
    rejected: {
      on: {
        MOVE: { guard: 'allowed', actions: 'storeMove' },
        CANCEL: { guard: 'allowed', target: 'cancelled' },
        AREA_REORGANIZED: { target: 'cancelled', actions: 'storeReorganization' },
        MEETING_STARTED: { target: 'notApproved', actions: 'markHeld' },
      },
    },
    reportDue: {
      initial: 'inTime',
      on: { FILE_REPORT: { guard: 'allowed', target: 'reported' } },
      states: {
        inTime: { on: { DEADLINE_MISSED: 'overdue' } },
        overdue: { on: { ESCALATED: 'escalated', CLOSE_UNFILED: '#meeting.reportNotFiled' } },
        escalated: { on: { CLOSE_UNFILED: '#meeting.reportNotFiled' } },
      },
    },
    // After the meeting without approval: nobody asked, the leader refused, or did not decide in time. If someone
    // attended all the same, their report says so and the leader in charge sees it.
    notRequested: {
      on: {
        FILE_REPORT: { guard: 'allowed', target: 'reportedWithoutApproval', actions: 'markWithoutApproval' },
        CLOSE_UNFILED: 'notAttended',
      },
    },
    notApprovedInTime: {
      on: {
        FILE_REPORT: { guard: 'allowed', target: 'reportedWithoutApproval', actions: 'markWithoutApproval' },
        CLOSE_UNFILED: 'notAttended',
      },
    },
    notApproved: {
      on: {
        FILE_REPORT: { guard: 'allowed', target: 'reportedWithoutApproval', actions: 'markWithoutApproval' },
        CLOSE_UNFILED: 'notAttended',
      },
    },
    reported: { type: 'final' },
    reportedWithoutApproval: { type: 'final' },
    reportNotFiled: { type: 'final' },
    notAttended: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

/** Whether the meeting is still ahead (it may be moved or cancelled). */
export function meetingAhead(topState: string): boolean {
  return (AHEAD as readonly string[]).includes(topState);
}
