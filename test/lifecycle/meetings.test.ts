import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../machines/actor';
import { dayOf, endOfDay, startOfDay, WorkingCalendar } from '../../machines/calendar';
import { DEFAULT_MEETING_POLICY, instantBefore } from '../../machines/meeting-policy';
import {
  cancelMeetingUpdate,
  decideAttendanceUpdate,
  delegateAttendanceUpdate,
  fileMeetingReportUpdate,
  meetingWorkflowId,
  moveMeetingUpdate,
  requestAttendanceUpdate,
} from '../../workflows/meeting.messages';
import { meetingWorkflow } from '../../workflows/meeting.workflow';
import { refusalOf, startActiveAssignment } from '../support/assignments';
import { recordHistories } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

const HOUR_MS = 60 * 60 * 1000;
const calendar = new WorkingCalendar([]);

describe('meetings: approval before the meeting, the report after it', () => {
  let h: LifecycleHarness;
  let leaderInCharge: Actor;
  let areaId: string;
  const assignmentId = 'meetings-group';

  beforeAll(async () => {
    h = await startLifecycleHarness();
    const area = h.people.areas.find((a) => a.leaderInChargeId)!;
    areaId = area.id;
    leaderInCharge = { id: area.leaderInChargeId!, roles: ['BOARD_LEADER'] };
    await startActiveAssignment(h, {
      assignmentId,
      areaId,
      official: h.people.group.leader,
      proposedBy: h.people.departmentHead,
      groupId: h.people.group.id,
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** 09:00 local, `workingDays` working days after the server's now (a quiet morning at first: test-clock.ts). */
  const meetingAt = async (workingDays: number) =>
    startOfDay(calendar.addWorkingDays(dayOf(await h.env.currentTimeMs()), workingDays)) + 9 * HOUR_MS;

  const invite = (meetingId: string, startsAt: number) =>
    h.client.workflow.start(meetingWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: meetingWorkflowId(meetingId),
      args: [
        {
          meetingId,
          areaId,
          assignmentId,
          groupId: h.people.group.id,
          body: 'BTV',
          startsAt: new Date(startsAt).toISOString(),
          place: 'Hội trường Thành ủy',
          agenda: 'Quy trình giới thiệu nhân sự bổ nhiệm',
          invitedId: h.people.group.leader.id,
          groupLeaderId: h.people.group.leader.id,
          groupMemberIds: [h.people.group.leader.id, h.people.group.member.id],
          leaderInChargeId: leaderInCharge.id,
          headOfBoardId: h.people.headOfBoard.id,
          recordedById: h.people.committeeOf(areaId).id,
          policy: DEFAULT_MEETING_POLICY,
          nonWorkingDays: [],
        },
      ],
    });

  /** The meeting's audit rows and those of its deadlines (entity `<assignment>/MEETING_…/<meeting>[/<request>]`). */
  const trail = async (meetingId: string) =>
    (
      await h.db.prisma.auditEvent.findMany({
        where: { OR: [{ entityId: meetingId }, { entityId: { contains: `/MEETING_` } }] },
        orderBy: { seq: 'asc' },
      })
    ).filter((r) => r.entityId === meetingId || r.entityId.split('/').includes(meetingId));
  const actionsOf = async (meetingId: string) =>
    (await trail(meetingId)).map((r) => ({ action: r.action, at: r.at.getTime() }));

  it('Đ5.2: a request undecided until the meeting is reminded, escalated to the Head of Board, then recorded as not approved in time', async () => {
    const startsAt = await meetingAt(5);
    const handle = await invite('m-undecided', startsAt);
    const { group } = h.people;
    // Đ9.3: the invitation is the group leader's; a member cannot ask in their place (Đ5.2: the attendee asks).
    expect(
      (await refusalOf(handle.executeUpdate(requestAttendanceUpdate, { args: [{ actor: group.member }] }))).rule,
    ).toBe('REQUESTER_NOT_ATTENDEE');
    await handle.executeUpdate(requestAttendanceUpdate, { args: [{ actor: group.leader }] });
    // Only the leader in charge or the Head of Board decides (Đ5.2).
    const other = h.people.leaders.find((l) => l.id !== leaderInCharge.id)!;
    expect(
      (await refusalOf(handle.executeUpdate(decideAttendanceUpdate, { args: [{ actor: other, approved: true }] })))
        .rule,
    ).toBe('DECIDER_NOT_IN_CHARGE');

    expect(await handle.result()).toEqual({ state: 'notAttended' });

    const actions = await actionsOf('m-undecided');
    const at = (action: string) => actions.find((a) => a.action === action)?.at;
    expect(actions.map((a) => a.action)).toEqual([
      'MEETING_INVITATION_RECORDED',
      'MEETING_ATTENDANCE_REQUESTED',
      'MEETING_APPROVAL_DEADLINE_OPENED',
      'MEETING_APPROVAL_REMINDER_SENT',
      'MEETING_APPROVAL_ESCALATED',
      'MEETING_NOT_APPROVED_IN_TIME',
      'MEETING_APPROVAL_DEADLINE_MISSED',
      'MEETING_NOT_ATTENDED',
    ]);
    const policy = DEFAULT_MEETING_POLICY.approval;
    // Timers fire at their instant (a few milliseconds after, on the server's clock).
    const near = (action: string, instant: number) => {
      expect(at(action)).toBeGreaterThanOrEqual(instant);
      expect(at(action)).toBeLessThan(instant + 60_000);
    };
    near('MEETING_APPROVAL_REMINDER_SENT', instantBefore(startsAt, policy.reminderBefore, calendar));
    near('MEETING_APPROVAL_ESCALATED', instantBefore(startsAt, policy.escalateBefore, calendar));
    near('MEETING_NOT_APPROVED_IN_TIME', startsAt);

    const outbox = await h.db.prisma.outboxMessage.findMany({
      where: { template: { startsWith: 'meeting.approval' } },
      orderBy: { createdAt: 'asc' },
    });
    const sent = outbox
      .filter((m) => (m.payload as { meetingId?: string }).meetingId === 'm-undecided')
      .map((m) => [m.template, m.recipientId]);
    expect(sent).toEqual(
      expect.arrayContaining([
        ['meeting.approval.requested', leaderInCharge.id],
        ['meeting.approval.reminder', leaderInCharge.id],
        ['meeting.approval.escalated', h.people.headOfBoard.id],
        ['meeting.approval.notInTime', group.leader.id],
      ]),
    );
    const row = await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: 'm-undecided' } });
    expect(row).toMatchObject({ state: 'notAttended', approved: null, attendeeId: group.leader.id });
    await recordHistories(h.client, 'meeting-not-approved-in-time', [meetingWorkflowId('m-undecided')]);
  });

  it('Đ7.B.3: a delegated member attends on behalf of the group leader; the meeting report filed late is escalated', async () => {
    const { group } = h.people;
    const startsAt = await meetingAt(3);
    const handle = await invite('m-delegated', startsAt);
    // A delegate must be a member of the group.
    expect(
      (
        await refusalOf(
          handle.executeUpdate(delegateAttendanceUpdate, {
            args: [{ actor: group.leader, memberId: h.people.specialists[0]!.id }],
          }),
        )
      ).rule,
    ).toBe('DELEGATE_NOT_GROUP_MEMBER');
    await handle.executeUpdate(delegateAttendanceUpdate, {
      args: [{ actor: group.leader, memberId: group.member.id }],
    });
    await handle.executeUpdate(requestAttendanceUpdate, { args: [{ actor: group.member }] });
    const approved = await handle.executeUpdate(decideAttendanceUpdate, {
      args: [{ actor: leaderInCharge, approved: true, note: 'Đồng ý' }],
    });
    expect(approved).toMatchObject({ state: 'approved', attendeeId: group.member.id, onBehalfOfGroupLeader: true });
    // A report only after the meeting (Đ7.A.5).
    expect(
      (await refusalOf(handle.executeUpdate(fileMeetingReportUpdate, { args: [{ actor: group.member, notes: 'x' }] })))
        .rule,
    ).toBe('REPORT_BEFORE_MEETING');

    // Past the due day and the next rung: the group leader, then the leader in charge are told, against the member.
    const dueDay = calendar.addWorkingDays(dayOf(startsAt), DEFAULT_MEETING_POLICY.report.dueWorkingDaysAfter);
    const secondRung = endOfDay(
      calendar.addWorkingDays(dueDay, DEFAULT_MEETING_POLICY.report.escalateAfterWorkingDays),
    );
    await h.sleepUntil(secondRung + HOUR_MS);
    const view = await handle.executeUpdate(fileMeetingReportUpdate, {
      args: [
        {
          actor: group.member,
          notes: 'Hội nghị thảo luận quy trình giới thiệu nhân sự; ghi chép đầy đủ',
          remarks: 'Đề nghị công khai danh sách',
          mattersForLeadership: 'Một ý kiến khác nhau về quy trình',
          personnelNotes: 'Nhận xét về nhân sự A',
        },
      ],
    });
    expect(view.state).toBe('reported');
    expect(await handle.result()).toEqual({ state: 'reported' });

    const actions = (await actionsOf('m-delegated')).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'MEETING_DELEGATED',
        'MEETING_ATTENDANCE_APPROVED',
        'MEETING_HELD',
        'MEETING_REPORT_DEADLINE_OPENED',
        'MEETING_REPORT_REMINDER_SENT',
        'MEETING_REPORT_DEADLINE_MISSED',
        'MEETING_REPORT_ESCALATED',
        'MEETING_REPORT_FILED_LATE',
      ]),
    );
    const deadline = await h.db.prisma.deadline.findUniqueOrThrow({
      where: { assignmentId_subject_reference: { assignmentId, subject: 'MEETING_REPORT', reference: 'm-delegated' } },
      include: { escalations: { orderBy: { level: 'asc' } } },
    });
    expect(deadline.status).toBe('MISSED');
    expect(deadline.escalations.map((e) => [e.target, e.recipientId])).toEqual([
      ['GROUP_LEADER', group.leader.id],
      ['LEADER_IN_CHARGE', leaderInCharge.id],
    ]);
    const row = await h.db.prisma.meeting.findUniqueOrThrow({
      where: { id: 'm-delegated' },
      include: { report: true },
    });
    expect(row).toMatchObject({ attendeeId: group.member.id, onBehalfOfGroupLeader: true, approved: true });
    expect(row.report).toMatchObject({ late: true, withoutApproval: false, filedById: group.member.id });
    // The audit row carries no text of the report (its personnel notes are confidential).
    const filed = (await trail('m-delegated')).find((r) => r.action === 'MEETING_REPORT_FILED_LATE')!;
    expect(JSON.stringify(filed.payload)).not.toContain('nhân sự A');
    await recordHistories(h.client, 'meeting-delegated-late', [meetingWorkflowId('m-delegated')]);
  });

  it('a moved meeting moves its timers and keeps both times; a cancelled one stops', async () => {
    const { group } = h.people;
    const now = await h.env.currentTimeMs();
    const first = startOfDay(calendar.addWorkingDays(dayOf(now), 4)) + 9 * HOUR_MS;
    const handle = await invite('m-moved', first);
    await handle.executeUpdate(requestAttendanceUpdate, { args: [{ actor: group.leader }] });
    const moved = startOfDay(calendar.addWorkingDays(dayOf(now), 8)) + 14 * HOUR_MS;
    const view = await handle.executeUpdate(moveMeetingUpdate, {
      args: [
        {
          actor: h.people.committeeOf(areaId),
          startsAt: new Date(moved).toISOString(),
          place: 'Phòng họp số 2',
          reason: 'Đổi lịch',
        },
      ],
    });
    expect(view.approvalReminderAt).toBe(
      new Date(instantBefore(moved, DEFAULT_MEETING_POLICY.approval.reminderBefore, calendar)).toISOString(),
    );
    expect(
      (
        await refusalOf(
          handle.executeUpdate(moveMeetingUpdate, {
            args: [{ actor: group.leader, startsAt: new Date(now - HOUR_MS).toISOString(), reason: 'x' }],
          }),
        )
      ).rule,
    ).toBe('MEETING_MOVED_INTO_THE_PAST');
    // Past the first time: nothing happens at it any more.
    await h.sleepUntil(first + HOUR_MS);
    await handle.executeUpdate(cancelMeetingUpdate, { args: [{ actor: group.leader, reason: 'Địa bàn hoãn họp' }] });
    expect(await handle.result()).toEqual({ state: 'cancelled' });
    const row = await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: 'm-moved' }, include: { moves: true } });
    expect(row).toMatchObject({ state: 'cancelled', place: 'Phòng họp số 2', cancelReason: 'Địa bàn hoãn họp' });
    expect(row.startsAt.getTime()).toBe(moved);
    expect(row.moves.map((m) => [m.fromStartsAt.getTime(), m.toStartsAt.getTime(), m.fromPlace])).toEqual([
      [first, moved, 'Hội trường Thành ủy'],
    ]);
    const actions = (await actionsOf('m-moved')).map((a) => a.action);
    expect(actions).not.toContain('MEETING_NOT_APPROVED_IN_TIME');
    expect(actions).toEqual(expect.arrayContaining(['MEETING_MOVED', 'MEETING_CANCELLED']));
  });
});
