/**
 * Meetings over HTTP against the real time-skipping Temporal server, the real worker and a fresh seeded
 * database: an official records an invitation, asks approval, the leader in charge approves it from the inbox, the
 * official files the meeting report; each role's refusal; who reads the report's personnel notes (audited); and the
 * auditor's timeline of the assignment with its meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf, startOfDay, WorkingCalendar } from '../../machines/calendar';
import { apiClient, errorOf } from '../support/api-client';
import { startActiveAssignment } from '../support/assignments';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { asOfficial, expectStatus, USERS } from '../support/confidential-reads';
import type { LifecycleHarness } from '../support/lifecycle-harness';

const HOUR_MS = 60 * 60 * 1000;
let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let call: ReturnType<typeof apiClient>['call'];

beforeAll(async () => {
  suite = await startApiSuite();
  ({
    h,
    api: { call },
  } = suite);
});
afterAll(async () => {
  await suite?.close();
});

interface View {
  meetingId: string;
  state: string;
  allowedEvents: string[];
  attendeeId: string;
  approved: boolean | null;
}

describe('meetings over HTTP (Đ5.2, Đ7.A.5, Đ9.3)', () => {
  const assignmentId = 'meetings-cualo';
  const areaId = 'area-na-cualo'; // leader in charge: ld02
  let meetingId: string;
  let startsAt: number;

  it('an official of the area records an invitation; others are refused; bad input is a 400 naming the field', async () => {
    await startActiveAssignment(h, {
      assignmentId,
      areaId,
      official: asOfficial('cb-003'),
      proposedBy: h.people.departmentHead,
      groupId: 'group-01',
    });
    // Three working days after the server's day (a quiet morning, whatever day the suite runs: test-clock.ts), 09:00.
    startsAt = startOfDay(new WorkingCalendar([]).addWorkingDays(dayOf(await h.env.currentTimeMs()), 3)) + 9 * HOUR_MS;
    const invitation = {
      areaId,
      body: 'BTV',
      startsAt: new Date(startsAt).toISOString(),
      place: 'Hội trường Thị ủy Cửa Lò',
      agenda: 'Quy trình giới thiệu nhân sự',
      invitedId: 'official-cb-003',
      document: { fileName: 'giay-moi.pdf', mediaType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' },
    };
    const bad = async (body: unknown, path: string) => {
      const response = await call('POST', '/meetings', USERS.official, body);
      expectStatus(response, 400);
      expect(JSON.stringify(errorOf(response).issues)).toContain(path);
    };
    await bad({ ...invitation, body: 'CHI_BO' }, 'body');
    await bad({ ...invitation, startsAt: '2027-03-10 08:00' }, 'startsAt');
    await bad({ ...invitation, startsAt: '9999-03-10T08:00:00+07:00' }, 'startsAt');
    await bad({ ...invitation, startsAt: new Date(Date.now() - HOUR_MS).toISOString() }, 'startsAt');
    await bad({ ...invitation, place: ' ' }, 'place');
    await bad({ ...invitation, document: { ...invitation.document, contentBase64: '***' } }, 'document.contentBase64');
    // One character decodes to no byte; unpadded base64 is not what the schema declares.
    for (const contentBase64 of ['J', 'JVBERi0xLjQ'])
      await bad({ ...invitation, document: { ...invitation.document, contentBase64 } }, 'document.contentBase64');
    expectStatus(await call('POST', '/meetings', USERS.leader, invitation), 403);
    const outsider = await call('POST', '/meetings', USERS.complainedOf, invitation);
    expectStatus(outsider, 422);
    expect(errorOf(outsider).rule).toBe('NOT_OF_THE_AREA');
    expect(errorOf(await call('POST', '/meetings', USERS.committee, invitation)).rule).toBe('NOT_OF_THE_AREA');
    expectStatus(await call('POST', '/meetings', USERS.official, { ...invitation, areaId: 'area-none' }), 404);

    const recorded = await call('POST', '/meetings', USERS.official, invitation);
    expectStatus(recorded, 201);
    const view = recorded.json<View>();
    meetingId = view.meetingId;
    expect(recorded.headers.location).toBe(`/meetings/${meetingId}`);
    expect(view).toMatchObject({ state: 'invited', attendeeId: 'official-cb-003' });
    const document = await call('GET', `/meetings/${meetingId}/document`, USERS.official);
    expectStatus(document, 200);
    expect(document.headers['content-type']).toBe('application/pdf');

    // Đ9.3: without invitedId, the invitation is the group leader's (cb001 leads group-01).
    const toLeader = await call(
      'POST',
      '/meetings',
      USERS.member,
      { ...invitation, invitedId: undefined, document: undefined },
      { 'idempotency-key': 'meeting-to-the-group-leader' },
    );
    expectStatus(toLeader, 201);
    expect(toLeader.json<View>().attendeeId).toBe('official-cb-001');
  });

  it('Đ5.2: the official asks; the leader in charge finds it in the inbox, the soonest meeting first, and approves it', async () => {
    const notAttendee = await call('POST', `/meetings/${meetingId}/attendance-request`, USERS.member, {});
    expectStatus(notAttendee, 422);
    expect(errorOf(notAttendee).rule).toBe('REQUESTER_NOT_ATTENDEE');
    const asked = await call('POST', `/meetings/${meetingId}/attendance-request`, USERS.official, {});
    expectStatus(asked, 200);
    expect(asked.json<View>().state).toBe('awaitingApproval.inTime');

    const inbox = await call('GET', '/approvals/meetings', USERS.leader);
    expectStatus(inbox, 200);
    const items = inbox.json<{ items: { id: string; startsAt: string; areaName: string }[] }>().items;
    expect(items[0]).toMatchObject({ id: meetingId, areaName: 'Thị xã Cửa Lò' });
    const otherInbox = await call('GET', '/approvals/meetings', USERS.secondLeader);
    expect(otherInbox.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(meetingId);
    expectStatus(await call('GET', '/approvals/meetings', USERS.official), 403);

    const notInCharge = await call('POST', `/meetings/${meetingId}/decision`, USERS.secondLeader, { approved: true });
    expectStatus(notInCharge, 422);
    expect(errorOf(notInCharge).rule).toBe('DECIDER_NOT_IN_CHARGE');
    expectStatus(await call('POST', `/meetings/${meetingId}/decision`, USERS.leader, { approved: 'yes' }), 400);
    const approved = await call('POST', `/meetings/${meetingId}/decision`, USERS.leader, {
      approved: true,
      note: 'Đồng ý, đề nghị ghi chép đầy đủ',
    });
    expectStatus(approved, 200);
    expect(approved.json<View>()).toMatchObject({ state: 'approved', approved: true });
    // The report is offered once the meeting is behind.
    expect(approved.json<View>().allowedEvents).not.toContain('FILE_REPORT');
    const again = await call('POST', `/meetings/${meetingId}/decision`, USERS.leader, { approved: false });
    expectStatus(again, 409);
  });

  it('Đ7.A.5: the report only after the meeting; the personnel notes are read by leadership and the author, audited', async () => {
    const report = {
      notes: 'Hội nghị Ban Thường vụ thảo luận quy trình giới thiệu nhân sự; ghi chép đầy đủ',
      remarks: 'Đề nghị công khai tiêu chuẩn',
      mattersForLeadership: 'Còn ý kiến khác nhau về cơ cấu',
      personnelNotes: 'Nhận xét về đồng chí Nguyễn Văn B',
    };
    const early = await call('POST', `/meetings/${meetingId}/report`, USERS.official, report);
    expectStatus(early, 422);
    expect(errorOf(early).rule).toBe('REPORT_BEFORE_MEETING');
    expectStatus(await call('POST', `/meetings/${meetingId}/report`, USERS.official, { ...report, notes: '' }), 400);

    await h.sleepUntil(startsAt + 2 * HOUR_MS);
    const filed = await call('POST', `/meetings/${meetingId}/report`, USERS.official, report);
    expectStatus(filed, 200);
    expect(filed.json<View>().state).toBe('reported');

    const reads = () => h.db.prisma.auditEvent.count({ where: { action: 'CONFIDENTIAL_READ', entityId: meetingId } });
    const before = await reads();
    const byLeader = await call('GET', `/meetings/${meetingId}`, USERS.leader);
    expectStatus(byLeader, 200);
    expect(byLeader.json<{ report: { personnelNotes: string | null; late: boolean } }>().report).toMatchObject({
      personnelNotes: report.personnelNotes,
      late: false,
    });
    expect(await reads()).toBe(before + 1);
    const byMember = await call('GET', `/meetings/${meetingId}`, USERS.member);
    expectStatus(byMember, 200);
    expect(byMember.json<{ report: { personnelNotes: string | null } }>().report.personnelNotes).toBeNull();
    expect(await reads()).toBe(before + 1);
    expectStatus(await call('GET', `/meetings/${meetingId}`, USERS.complainedOf), 403);
    expectStatus(await call('GET', `/meetings/${meetingId}`, USERS.committee), 403);
    const list = await call('GET', `/meetings?assignmentId=${assignmentId}`, USERS.official);
    expect(list.json<{ items: { id: string }[] }>().items.map((m) => m.id)).toContain(meetingId);
    expectStatus(await call('GET', '/meetings?limit=0', USERS.official), 400);
  });

  it("the auditor's timeline of the assignment shows the meeting: requested, approved by whom, held, reported", async () => {
    const response = await call('GET', `/assignments/${assignmentId}/timeline?lang=en`, USERS.auditor);
    expectStatus(response, 200);
    const events = response
      .json<{ events: { action: string; label: string; actorId: string | null }[] }>()
      .events.filter((e) => e.action.startsWith('MEETING_'));
    const byAction = (action: string) => events.find((e) => e.action === action);
    expect(byAction('MEETING_INVITATION_RECORDED')).toMatchObject({ actorId: 'official-cb-003' });
    expect(byAction('MEETING_ATTENDANCE_REQUESTED')).toMatchObject({ actorId: 'official-cb-003' });
    expect(byAction('MEETING_ATTENDANCE_APPROVED')).toMatchObject({
      actorId: 'official-ld-02',
      label: 'Attendance approved',
    });
    expect(byAction('MEETING_HELD')).toBeDefined();
    expect(byAction('MEETING_REPORT_FILED')).toMatchObject({
      actorId: 'official-cb-003',
      label: 'Meeting report filed',
    });
  });

  it('the meeting attended counts as a day in the field, beside the target share of working days', async () => {
    const month = dayOf(startsAt).slice(0, 7);
    const response = await call('GET', `/dashboard/field-time?month=${month}`, USERS.head);
    expectStatus(response, 200);
    const body = response.json<{
      workingDays: number;
      targetShare: number;
      targetDays: number;
      officials: { officialId: string; meetingDays: number; days: string[] }[];
    }>();
    expect(body.targetDays).toBe(Math.ceil(body.workingDays * body.targetShare));
    expect(body.targetShare).toBeCloseTo(1 / 3);
    const official = body.officials.find((o) => o.officialId === 'official-cb-003')!;
    expect(official.meetingDays).toBe(1);
    expect(official.days).toContain(dayOf(startsAt));
    expectStatus(await call('GET', '/dashboard/field-time?month=2026-13', USERS.head), 400);
    expectStatus(await call('GET', `/dashboard/field-time?month=${month}`, USERS.official), 403);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await call('GET', '/openapi.json', null)).json<{ paths: Record<string, unknown> }>();
    for (const path of [
      '/meetings',
      '/meetings/{id}',
      '/meetings/{id}/attendance-request',
      '/meetings/{id}/decision',
      '/meetings/{id}/delegation',
      '/meetings/{id}/move',
      '/meetings/{id}/cancellation',
      '/meetings/{id}/report',
      '/approvals/meetings',
      '/groups/{id}/sessions',
      '/dashboard/group-sessions',
      '/dashboard/field-time',
    ])
      expect(doc.paths).toHaveProperty([path]);
  });
});

describe('an invitation sent by the area committee itself (Đ9.3), moved and cancelled', () => {
  it('the committee records it for its own area, inviting the group leader; it moves it, then cancels it', async () => {
    await startActiveAssignment(h, {
      assignmentId: 'meetings-vinh',
      areaId: 'area-na-vinh', // the committee diaban-vinh's area
      official: asOfficial('cb-004'),
      proposedBy: h.people.departmentHead,
      groupId: 'group-02', // led by cb006
    });
    const day = dayOf(await h.env.currentTimeMs());
    const at = (workingDays: number, hour: number) =>
      startOfDay(new WorkingCalendar([]).addWorkingDays(day, workingDays)) + hour * HOUR_MS;
    const recorded = await call('POST', '/meetings', USERS.committee, {
      areaId: 'area-na-vinh',
      body: 'BCH',
      startsAt: new Date(at(4, 8)).toISOString(),
      place: 'Hội trường Thành ủy Vinh',
      agenda: 'Hội nghị Ban Chấp hành về công tác cán bộ',
    });
    expectStatus(recorded, 201);
    const view = recorded.json<View>();
    expect(view.attendeeId).toBe('official-cb-006');
    const id = view.meetingId;
    // Another area's committee has no part in it; the official of another group none either.
    expect(
      errorOf(await call('POST', `/meetings/${id}/cancellation`, USERS.otherCommittee, { reason: 'Hoãn' })).rule,
    ).toBe('NO_PART_IN_MEETING');
    expectStatus(
      await call('POST', `/meetings/${id}/move`, USERS.committee, { startsAt: 'tomorrow', reason: 'x' }),
      400,
    );
    const moved = await call('POST', `/meetings/${id}/move`, USERS.committee, {
      startsAt: new Date(at(6, 14)).toISOString(),
      place: 'Phòng họp tầng 3',
      reason: 'Trùng lịch hội nghị của tỉnh',
    });
    expectStatus(moved, 200);
    const read = await call('GET', `/meetings/${id}`, USERS.committee);
    expectStatus(read, 200);
    const meeting = read.json<{
      place: string;
      moves: { fromPlace: string; toPlace: string }[];
      report: unknown;
      allowedEvents: string[];
    }>();
    expect(meeting.moves).toEqual([
      expect.objectContaining({ fromPlace: 'Hội trường Thành ủy Vinh', toPlace: 'Phòng họp tầng 3' }),
    ]);
    expect(meeting.allowedEvents.sort()).toEqual(['CANCEL', 'MOVE']);
    const cancelled = await call('POST', `/meetings/${id}/cancellation`, USERS.committee, {
      reason: 'Địa bàn hoãn hội nghị',
    });
    expectStatus(cancelled, 200);
    expect(cancelled.json<View>().state).toBe('cancelled');
    expectStatus(await call('POST', `/meetings/${id}/attendance-request`, 'cb006', {}), 409);
  });
});

describe("the group's sessions over HTTP (Đ7.B.2)", () => {
  const session = {
    heldOn: '',
    presentIds: ['official-cb-001', 'official-cb-003', 'official-cb-008'],
    matters: 'Kiến nghị của Thị ủy Cửa Lò về quy trình giới thiệu nhân sự',
    conclusions: 'Thống nhất hướng dẫn; báo cáo Lãnh đạo Ban',
    tasks: [{ officialId: 'official-cb-003', task: 'Dự thảo văn bản hướng dẫn' }],
  };

  it('the group leader records a session; others are refused; the dashboard shows this quarter beside the minimum', async () => {
    // The API's "today" is the process's; the day before is never in the future.
    const heldOn = new Date(Date.now() + 7 * HOUR_MS - 24 * HOUR_MS).toISOString().slice(0, 10);
    const body = { ...session, heldOn };
    expectStatus(await call('POST', '/groups/group-01/sessions', USERS.official, body), 403);
    const notLeader = await call('POST', '/groups/group-02/sessions', USERS.groupLeader, body);
    expectStatus(notLeader, 422);
    expect(errorOf(notLeader).rule).toBe('NOT_THE_GROUP_LEADER');
    const outsider = await call('POST', '/groups/group-01/sessions', USERS.groupLeader, {
      ...body,
      presentIds: ['official-cb-009'],
    });
    expect(errorOf(outsider).rule).toBe('NOT_A_MEMBER');
    expectStatus(
      await call('POST', '/groups/group-01/sessions', USERS.groupLeader, { ...body, heldOn: '2099-01-01' }),
      400,
    );
    expectStatus(await call('POST', '/groups/group-01/sessions', USERS.groupLeader, { ...body, presentIds: [] }), 400);

    const recorded = await call('POST', '/groups/group-01/sessions', USERS.groupLeader, body);
    expectStatus(recorded, 201);
    expect(recorded.json()).toMatchObject({ groupId: 'group-01', heldOn, presentIds: session.presentIds });
    const list = await call('GET', '/groups/group-01/sessions', USERS.member);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
    expectStatus(await call('GET', '/groups/group-01/sessions', USERS.complainedOf), 403);

    const dashboard = await call('GET', '/dashboard/group-sessions', USERS.head);
    expectStatus(dashboard, 200);
    const groups = dashboard.json<{
      minimumPerQuarter: number;
      groups: { groupId: string; sessionsThisQuarter: number; lastSessionOn: string | null }[];
    }>();
    expect(groups.minimumPerQuarter).toBe(1);
    const own = groups.groups.find((g) => g.groupId === 'group-01')!;
    expect(own.lastSessionOn).toBe(heldOn);
    expectStatus(await call('GET', '/dashboard/group-sessions', USERS.official), 403);
  });
});
