import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { Actor } from '../../machines/actor';
import { WorkingCalendar } from '../../machines/calendar';
import { instantBefore, quarterBounds, quarterOf } from '../../machines/meeting-policy';
import { type MeetingEvent, type MeetingInput, meetingMachine, meetingViolation } from '../../machines/meeting.machine';
import { offeredEventTypes, stateName } from '../../machines/rules';

const groupLeader: Actor = { id: 'gl', roles: ['GROUP_LEADER', 'OFFICIAL'] };
const member: Actor = { id: 'm1', roles: ['OFFICIAL'] };
const otherMember: Actor = { id: 'm2', roles: ['OFFICIAL'] };
const outsider: Actor = { id: 'o9', roles: ['OFFICIAL'] };
const leaderInCharge: Actor = { id: 'ld2', roles: ['BOARD_LEADER'] };
const otherLeader: Actor = { id: 'ld3', roles: ['BOARD_LEADER'] };
const head: Actor = { id: 'ld1', roles: ['HEAD_OF_BOARD'] };
const committee: Actor = { id: 'u-vinh', roles: ['AREA_COMMITTEE'], areaId: 'area-vinh' };
const otherCommittee: Actor = { id: 'u-x', roles: ['AREA_COMMITTEE'], areaId: 'area-x' };

const input = (over: Partial<MeetingInput> = {}): MeetingInput => ({
  meetingId: 'mt1',
  areaId: 'area-vinh',
  invitedId: 'gl',
  groupLeaderId: 'gl',
  groupMemberIds: ['gl', 'm1', 'm2'],
  leaderInChargeId: 'ld2',
  recordedById: 'u-vinh',
  startsAt: '2027-03-10T01:00:00.000Z',
  place: 'Hội trường Thành ủy',
  ...over,
});

const start = (over: Partial<MeetingInput> = {}) => initialTransition(meetingMachine, input(over))[0];
type Snap = ReturnType<typeof start>;
const send = (s: Snap, ...events: MeetingEvent[]) =>
  events.reduce((acc, e) => transition(meetingMachine, acc, e)[0], s);
const ruleOf = (s: Snap, e: MeetingEvent) => (s.can(e) ? null : meetingViolation(s.context, e)?.rule);

describe('meeting machine: approval of attendance (Đ5.2)', () => {
  const requested = () => send(start(), { type: 'REQUEST_ATTENDANCE', actor: groupLeader });

  it('Đ9.3: the invitation goes to the group leader, who attends and asks the leader in charge', () => {
    const s = start();
    expect(s.context.attendeeId).toBe('gl');
    expect(offeredEventTypes(s)).toEqual(['CANCEL', 'DELEGATE', 'MOVE', 'REQUEST_ATTENDANCE']);
    expect(stateName(requested())).toBe('awaitingApproval.inTime');
  });

  it('Đ5.2: only the one who will attend asks', () => {
    expect(ruleOf(start(), { type: 'REQUEST_ATTENDANCE', actor: member })).toBe('REQUESTER_NOT_ATTENDEE');
  });

  it('Đ5.2: only the leader in charge of the area or the Head of Board decides', () => {
    const s = requested();
    expect(ruleOf(s, { type: 'DECIDE_ATTENDANCE', actor: otherLeader, approved: true })).toBe('DECIDER_NOT_IN_CHARGE');
    expect(ruleOf(s, { type: 'DECIDE_ATTENDANCE', actor: outsider, approved: true })).toBe('DECIDER_NOT_IN_CHARGE');
    expect(stateName(send(s, { type: 'DECIDE_ATTENDANCE', actor: leaderInCharge, approved: true }))).toBe('approved');
    expect(stateName(send(s, { type: 'DECIDE_ATTENDANCE', actor: head, approved: false }))).toBe('rejected');
  });

  it('nobody decides their own request: a leader in charge invited to the meeting cannot approve themself', () => {
    const s = send(start({ invitedId: 'ld2', groupLeaderId: 'ld2', groupMemberIds: ['ld2', 'm1'] }), {
      type: 'REQUEST_ATTENDANCE',
      actor: { id: 'ld2', roles: ['BOARD_LEADER', 'GROUP_LEADER'] },
    });
    expect(
      ruleOf(s, { type: 'DECIDE_ATTENDANCE', actor: { id: 'ld2', roles: ['BOARD_LEADER'] }, approved: true }),
    ).toBe('SELF_APPROVAL');
    expect(s.can({ type: 'DECIDE_ATTENDANCE', actor: head, approved: true })).toBe(true);
  });

  it('a request undecided at the meeting is recorded as not approved in time (escalated first)', () => {
    const s = send(requested(), { type: 'ESCALATED' }, { type: 'MEETING_STARTED' });
    expect(stateName(s)).toBe('notApprovedInTime');
    expect(s.can({ type: 'DECIDE_ATTENDANCE', actor: leaderInCharge, approved: true })).toBe(false);
  });
});

describe('meeting machine: the group leader attends, asks for more members, or delegates (Đ7.B.3)', () => {
  it('the group leader may ask leadership to send other members of the group as well', () => {
    const ok: MeetingEvent = { type: 'REQUEST_ATTENDANCE', actor: groupLeader, additionalMemberIds: ['m1'] };
    expect(send(start(), ok).context.additionalMemberIds).toEqual(['m1']);
    expect(ruleOf(start(), { type: 'REQUEST_ATTENDANCE', actor: groupLeader, additionalMemberIds: ['o9'] })).toBe(
      'ADDED_MEMBER_NOT_IN_GROUP',
    );
    const delegated = send(start(), { type: 'DELEGATE', actor: groupLeader, memberId: 'm1' });
    expect(ruleOf(delegated, { type: 'REQUEST_ATTENDANCE', actor: member, additionalMemberIds: ['m2'] })).toBe(
      'ADD_MEMBERS_GROUP_LEADER_ONLY',
    );
  });

  it('a member added to the request does not decide it either', () => {
    const s = send(start({ leaderInChargeId: 'm1' }), {
      type: 'REQUEST_ATTENDANCE',
      actor: groupLeader,
      additionalMemberIds: ['m1'],
    });
    expect(ruleOf(s, { type: 'DECIDE_ATTENDANCE', actor: { id: 'm1', roles: ['BOARD_LEADER'] }, approved: true })).toBe(
      'SELF_APPROVAL',
    );
  });

  it('a delegate must be another member of the group; only the group leader delegates', () => {
    const s = start();
    expect(ruleOf(s, { type: 'DELEGATE', actor: groupLeader, memberId: 'o9' })).toBe('DELEGATE_NOT_GROUP_MEMBER');
    expect(ruleOf(s, { type: 'DELEGATE', actor: groupLeader, memberId: 'gl' })).toBe('DELEGATE_NOT_GROUP_MEMBER');
    expect(ruleOf(s, { type: 'DELEGATE', actor: member, memberId: 'm2' })).toBe('DELEGATOR_NOT_GROUP_LEADER');
    expect(ruleOf(start({ invitedId: 'm2' }), { type: 'DELEGATE', actor: groupLeader, memberId: 'm1' })).toBe(
      'INVITATION_NOT_TO_GROUP_LEADER',
    );
  });

  it("the delegate's attendance is approved as any other, on behalf of the group leader", () => {
    let s = send(start(), { type: 'REQUEST_ATTENDANCE', actor: groupLeader });
    s = send(
      s,
      { type: 'DECIDE_ATTENDANCE', actor: leaderInCharge, approved: true },
      // Busy after all: the approval was the group leader's; the member asks again.
      { type: 'DELEGATE', actor: groupLeader, memberId: 'm1' },
    );
    expect(stateName(s)).toBe('invited');
    expect(s.context).toMatchObject({ attendeeId: 'm1', onBehalfOfGroupLeader: true, approved: undefined });
    expect(ruleOf(s, { type: 'REQUEST_ATTENDANCE', actor: groupLeader })).toBe('REQUESTER_NOT_ATTENDEE');
    s = send(s, { type: 'REQUEST_ATTENDANCE', actor: member });
    expect(
      ruleOf(s, { type: 'DECIDE_ATTENDANCE', actor: { ...member, roles: ['BOARD_LEADER'] }, approved: true }),
    ).toBe('DECIDER_NOT_IN_CHARGE');
    s = send(s, { type: 'DECIDE_ATTENDANCE', actor: leaderInCharge, approved: true });
    expect(stateName(s)).toBe('approved');
  });
});

describe('meeting machine: the meeting report (Đ7.A.5) and meetings without approval', () => {
  const approved = () =>
    send(
      start(),
      { type: 'REQUEST_ATTENDANCE', actor: groupLeader },
      { type: 'DECIDE_ATTENDANCE', actor: leaderInCharge, approved: true },
    );

  it('a report only after the meeting, by the one who attended', () => {
    const before = approved();
    expect(ruleOf(before, { type: 'FILE_REPORT', actor: groupLeader })).toBe('REPORT_BEFORE_MEETING');
    const after = send(before, { type: 'MEETING_STARTED' });
    expect(stateName(after)).toBe('reportDue.inTime');
    expect(ruleOf(after, { type: 'FILE_REPORT', actor: otherMember })).toBe('REPORTER_NOT_ATTENDEE');
    expect(send(after, { type: 'FILE_REPORT', actor: groupLeader }).status).toBe('done');
  });

  it('a missed report is escalated and closed as not filed', () => {
    const s = send(
      approved(),
      { type: 'MEETING_STARTED' },
      { type: 'DEADLINE_MISSED' },
      { type: 'ESCALATED' },
      { type: 'CLOSE_UNFILED' },
    );
    expect(stateName(s)).toBe('reportNotFiled');
  });

  it('attended without approval: the report says so', () => {
    for (const events of [
      [{ type: 'MEETING_STARTED' }],
      [{ type: 'REQUEST_ATTENDANCE', actor: groupLeader }, { type: 'MEETING_STARTED' }],
      [
        { type: 'REQUEST_ATTENDANCE', actor: groupLeader },
        { type: 'DECIDE_ATTENDANCE', actor: leaderInCharge, approved: false },
        { type: 'MEETING_STARTED' },
      ],
    ] as MeetingEvent[][]) {
      const s = send(send(start(), ...events), { type: 'FILE_REPORT', actor: groupLeader });
      expect(stateName(s)).toBe('reportedWithoutApproval');
      expect(s.context.withoutApproval).toBe(true);
    }
  });
});

describe('meeting machine: cancelled or moved meetings', () => {
  it('the area or the attendee moves or cancels it; a moved meeting keeps its state', () => {
    let s = send(start(), { type: 'REQUEST_ATTENDANCE', actor: groupLeader });
    expect(ruleOf(s, { type: 'CANCEL', actor: otherCommittee })).toBe('NO_PART_IN_MEETING');
    expect(ruleOf(s, { type: 'MOVE', actor: outsider, startsAt: 'x', place: 'y' })).toBe('NO_PART_IN_MEETING');
    s = send(s, { type: 'MOVE', actor: committee, startsAt: '2027-03-12T01:00:00.000Z', place: 'Phòng họp số 2' });
    expect(stateName(s)).toBe('awaitingApproval.inTime');
    expect(s.context).toMatchObject({ startsAt: '2027-03-12T01:00:00.000Z', place: 'Phòng họp số 2' });
    s = send(s, { type: 'CANCEL', actor: groupLeader });
    expect(stateName(s)).toBe('cancelled');
    expect(s.status).toBe('done');
  });

  it('a meeting that has started is no longer moved or cancelled', () => {
    const s = send(start(), { type: 'MEETING_STARTED' });
    expect(s.can({ type: 'CANCEL', actor: committee })).toBe(false);
    expect(s.can({ type: 'MOVE', actor: committee, startsAt: 'x', place: 'y' })).toBe(false);
  });
});

describe('meeting machine: the area ceases before the meeting', () => {
  const ceases: MeetingEvent = { type: 'AREA_REORGANIZED', reorganizationId: 'merger-ab-c' };

  it('a meeting still ahead is cancelled with the reorganisation named, whatever its approval', () => {
    const requested = send(start(), { type: 'REQUEST_ATTENDANCE', actor: groupLeader });
    const approved = send(requested, { type: 'DECIDE_ATTENDANCE', actor: leaderInCharge, approved: true });
    const rejected = send(requested, { type: 'DECIDE_ATTENDANCE', actor: leaderInCharge, approved: false });
    for (const s of [start(), requested, approved, rejected]) {
      const after = send(s, ceases);
      expect(stateName(after)).toBe('cancelled');
      expect(after.context.reorganizationId).toBe('merger-ab-c');
    }
  });

  it('a meeting already behind is not touched, and nobody is offered the event', () => {
    const held = send(start(), { type: 'MEETING_STARTED' });
    expect(held.can(ceases)).toBe(false);
    expect(stateName(send(held, ceases))).toBe('notRequested');
    expect(offeredEventTypes(start())).not.toContain('AREA_REORGANIZED');
  });
});

describe('meeting policy arithmetic', () => {
  const calendar = new WorkingCalendar([]);
  // Wednesday 2027-03-10 08:30 local (01:30Z).
  const meeting = Date.parse('2027-03-10T01:30:00.000Z');

  it('counts working days back at the same time of day, skipping the weekend', () => {
    expect(new Date(instantBefore(meeting, { amount: 3, unit: 'WORKING_DAYS' }, calendar)).toISOString()).toBe(
      '2027-03-05T01:30:00.000Z',
    );
  });

  it('counts working hours back within 08:00–17:00 on working days', () => {
    // 30 min on Wednesday morning, then 3.5 h of Tuesday afternoon: Tuesday 13:30 local.
    expect(new Date(instantBefore(meeting, { amount: 4, unit: 'WORKING_HOURS' }, calendar)).toISOString()).toBe(
      '2027-03-09T06:30:00.000Z',
    );
    // Monday 08:30 local, 10 working hours back: 0.5 h on Monday, 9 h on Friday, 0.5 h on Thursday: 16:30.
    const monday = Date.parse('2027-03-08T01:30:00.000Z');
    expect(new Date(instantBefore(monday, { amount: 10, unit: 'WORKING_HOURS' }, calendar)).toISOString()).toBe(
      '2027-03-04T09:30:00.000Z',
    );
  });

  it('names quarters', () => {
    expect(quarterOf('2027-05-31')).toBe('2027-Q2');
    expect(quarterBounds('2027-Q4')).toEqual({ first: '2027-10-01', next: '2028-01-01' });
  });
});
