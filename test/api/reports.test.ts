/**
 * Plans and reports over HTTP against the real time-skipping Temporal server, the real worker and a fresh seeded
 * database: plans and reports read with their content by those the rule names (leadership, the auditor, the group
 * leader for the group's areas, the official their own), filtered and paginated, every read audited, everyone else
 * refused; ad hoc reports (Đ8.2) delivered at once to the leader in charge through the outbox; leadership's
 * acknowledgement and answer, which the official sees; a report on a sensitive matter (Đ7.A.4) for the Head of Board
 * alone, a test per role. The month is the server's (test/support/test-clock.ts: a quiet working day), the month before
 * it holds a late and a missed report written as the monthly cycle writes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filingVisibility } from '../../machines/access';
import { dayOf, nextMonth } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { type apiClient, errorOf } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { startActiveAssignment } from '../support/assignments';
import { asOfficial, confidentialReads, eventually, expectStatus, USERS } from '../support/confidential-reads';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let call: ReturnType<typeof apiClient>['call'];

const OURS = 'reported-on'; // cb003 in group-01 (led by cb001), Cửa Lò (leader in charge: ld02)
const THEIRS = 'reported-elsewhere'; // cb009 in group-02 (led by cb006), Nam Đàn (leader in charge: ld03)
const OTHER_GROUP_LEADER = 'cb006';
const LD = { head: 'official-ld-01', ld02: 'official-ld-02', ld03: 'official-ld-03' };
let month: string;
let monthBefore: string;

beforeAll(async () => {
  suite = await startApiSuite();
  ({
    h,
    api: { call },
  } = suite);
  // Today's month may already be past its plan's deadline: the month after is the first both assignments file for; the
  // month before today's, one neither had a cycle for.
  const today = dayOf(await h.env.currentTimeMs()).slice(0, 7);
  month = nextMonth(today);
  const [year, mm] = today.split('-').map(Number) as [number, number];
  monthBefore = mm === 1 ? `${year - 1}-12` : `${year}-${String(mm - 1).padStart(2, '0')}`;
  await startActiveAssignment(h, {
    assignmentId: OURS,
    areaId: 'area-na-cualo',
    official: asOfficial('cb-003'),
    groupId: 'group-01',
    proposedBy: h.people.departmentHead,
  });
  await startActiveAssignment(h, {
    assignmentId: THEIRS,
    areaId: 'area-na-namdan',
    official: asOfficial('cb-009'),
    groupId: 'group-02',
    proposedBy: h.people.departmentHead,
  });
  await h.sleepUntil(Date.parse(`${month}-02T05:00:00.000Z`));
});

afterAll(async () => {
  await suite?.close();
});

const { readRows, auditedRead, refusedRead } = confidentialReads(() => ({ h, call }));

interface Item {
  id: string;
  kind: 'MONTHLY' | 'AD_HOC';
  reportId: string | null;
  assignmentId: string;
  period: string;
  status: string | null;
  visibility: 'full' | 'metadata';
  situation: string | null;
  content?: string | null;
  reply: string | null;
  sensitive: boolean;
  urgency: string | null;
  filedById: string | null;
  leaderInChargeId: string | null;
  acknowledgements: { by: { id: string } }[];
  answers: { kind: string; text: string; dueOn: string | null; answeredBy: { id: string } }[];
}
type Page = { items: Item[]; nextCursor: string | null };

const list = async (url: string, username: string): Promise<Page> => {
  const response = await call('GET', url, username);
  expectStatus(response, 200);
  return response.json<Page>();
};

describe("the month's plans and reports, read", () => {
  const situation = 'Tình hình chính trị ổn định; Thị ủy chuẩn bị đại hội chi bộ';
  let reportId: string;

  it('are filed by the official (Đ8.1, Đ8.2); the month before holds a late report and a missed one', async () => {
    const plan = {
      content: 'Làm việc với Ban Tổ chức Thị ủy Cửa Lò',
      plannedFor: `${month}-12`,
      place: 'Thị ủy Cửa Lò',
    };
    expectStatus(await call('POST', `/assignments/${OURS}/months/${month}/plan`, USERS.official, plan), 200);
    const report = {
      situation,
      results: 'Đã làm việc với 3 chi bộ',
      difficulties: 'Thiếu cán bộ',
      proposals: 'Bổ sung',
    };
    expectStatus(await call('POST', `/assignments/${OURS}/months/${month}/report`, USERS.official, report), 200);
    reportId = (await h.db.prisma.monthlyReport.findFirstOrThrow({ where: { assignmentId: OURS } })).id;
    // The other assignment's month is open: its deadlines are on record once its cycle has started.
    await eventually(() =>
      h.db.prisma.deadline.findFirst({ where: { assignmentId: THEIRS, subject: 'MONTHLY_REPORT', reference: month } }),
    );

    // As the monthly cycle leaves them (activities/filing-records.ts, deadline-records.ts): a report filed after its
    // deadline (MISSED, the report late) and one never filed (MISSED, no report).
    const due = new Date(`${month}-01T00:00:00.000Z`);
    await h.db.prisma.deadline.createMany({
      data: [
        { assignmentId: OURS, subject: 'MONTHLY_REPORT', reference: monthBefore, dueAt: due, status: 'MISSED' },
        { assignmentId: THEIRS, subject: 'MONTHLY_REPORT', reference: monthBefore, dueAt: due, status: 'MISSED' },
      ],
    });
    await h.db.prisma.monthlyReport.create({
      data: {
        assignmentId: THEIRS,
        period: monthBefore,
        situation: 'Báo cáo muộn',
        results: 'Đã làm việc',
        filedById: 'official-cb-009',
        filedAt: new Date(due.getTime() + 5 * 86_400_000),
        late: true,
      },
    });
  });

  it('are read in full by leadership, the auditor, the group leader and the official, each read audited', async () => {
    const url = `/reports/${reportId}`;
    for (const [username, actorId] of [
      [USERS.head, LD.head],
      [USERS.leader, LD.ld02],
      [USERS.secondLeader, LD.ld03],
      [USERS.auditor, 'official-cb-014'],
      [USERS.groupLeader, 'official-cb-001'],
      [USERS.official, 'official-cb-003'],
    ] as const) {
      const read = await auditedRead(url, username, { actorId, entityType: 'MonthlyReport', entityId: reportId });
      expect(read.json<Item>()).toMatchObject({
        kind: 'MONTHLY',
        status: 'ON_TIME',
        situation,
        difficulties: 'Thiếu cán bộ',
        visibility: 'full',
        reply: 'UNREAD',
      });
    }
    const plan = await auditedRead(`/assignments/${OURS}/months/${month}/plan`, USERS.groupLeader, {
      actorId: 'official-cb-001',
      entityType: 'MonthlyPlan',
      entityId: `${OURS}/${month}`,
    });
    expect(plan.json()).toMatchObject({ status: 'ON_TIME', plannedFor: `${month}-12`, place: 'Thị ủy Cửa Lò' });
    const monthReport = await auditedRead(`/assignments/${OURS}/months/${month}/report`, USERS.official, {
      actorId: 'official-cb-003',
      entityType: 'MonthlyReport',
      entityId: reportId,
    });
    expect(monthReport.json()).toMatchObject({ reportId, situation });

    // The older month view: its standing for Board staff, the plan's content for the readers of plans only (audited).
    type Months = { months: { period: string; plan: { content: string | null; place: string | null } }[] };
    const planOf = (r: { json<T>(): T }) => r.json<Months>().months.find((m) => m.period === month)!.plan;
    const stranger = await call('GET', `/assignments/${OURS}/months`, USERS.complainedOf);
    expectStatus(stranger, 200);
    expect(planOf(stranger)).toMatchObject({ content: null, place: null });
    const own = await auditedRead(`/assignments/${OURS}/months`, USERS.official, {
      actorId: 'official-cb-003',
      entityType: 'MonthlyPlan',
      entityId: OURS,
    });
    expect(planOf(own)).toMatchObject({ place: 'Thị ủy Cửa Lò' });
  });

  it('each read route refuses every role outside its rule (403, no audit row), and unknown records are 404', async () => {
    const routes = [
      '/reports',
      '/plans',
      `/reports/${reportId}`,
      `/assignments/${OURS}/months/${month}/report`,
      `/assignments/${OURS}/months/${month}/plan`,
    ];
    for (const url of routes) {
      await refusedRead(url, null, 401);
      for (const username of [USERS.admin, USERS.committee]) {
        const refused = await refusedRead(url, username, 403);
        expect(errorOf(refused).requiredRoles).toEqual([
          'BOARD_LEADER',
          'HEAD_OF_BOARD',
          'AUDITOR',
          'OFFICIAL',
          'GROUP_LEADER',
        ]);
      }
    }
    // Within the roles, not a party: another official, another group's leader, a department head of another department.
    for (const username of [USERS.complainedOf, OTHER_GROUP_LEADER, USERS.departmentHead, USERS.member]) {
      for (const url of routes.slice(2)) {
        const refused = await refusedRead(url, username, 403);
        expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'CONFIDENTIAL' });
      }
    }
    await refusedRead('/reports/no-such-report', USERS.leader, 404);
    await refusedRead(`/assignments/no-such/months/${month}/report`, USERS.leader, 404);
    await refusedRead(`/assignments/${OURS}/months/2026-13/report`, USERS.leader, 400);
    await refusedRead('/reports?status=SOMETIMES', USERS.leader, 400);
    await refusedRead('/reports?month=2026-1', USERS.leader, 400);
  });

  it('lists across the province, filtered by area, official, group, leader in charge, month and status, page by page', async () => {
    const months = `kind=MONTHLY&month=`;
    const all = {
      items: [
        ...(await list(`/reports?${months}${month}`, USERS.leader)).items,
        ...(await list(`/reports?${months}${monthBefore}`, USERS.leader)).items,
      ],
    };
    const keyOf = (i: Item) => `${i.assignmentId}/${i.period}:${i.status}`;
    expect(all.items.map(keyOf).sort()).toEqual(
      [
        `${OURS}/${month}:ON_TIME`,
        `${OURS}/${monthBefore}:MISSED`,
        `${THEIRS}/${month}:OPEN`,
        `${THEIRS}/${monthBefore}:LATE`,
      ].sort(),
    );
    // The leader in charge's areas first: ld02 has Cửa Lò, ld03 Nam Đàn.
    expect(all.items[0]!.leaderInChargeId).toBe(LD.ld02);
    expect((await list(`/reports?${months}${month}`, USERS.secondLeader)).items[0]!.assignmentId).toBe(THEIRS);

    const only = async (query: string) =>
      [
        ...(await list(`/reports?${months}${month}&${query}`, USERS.auditor)).items,
        ...(await list(`/reports?${months}${monthBefore}&${query}`, USERS.auditor)).items,
      ].map(keyOf);
    expect(await only('status=MISSED')).toEqual([`${OURS}/${monthBefore}:MISSED`]);
    expect(await only('status=LATE')).toEqual([`${THEIRS}/${monthBefore}:LATE`]);
    expect(await only('status=ON_TIME')).toEqual([`${OURS}/${month}:ON_TIME`]);
    expect(await only('status=OPEN')).toEqual([`${THEIRS}/${month}:OPEN`]);
    expect((await list(`/reports?${months}${month}`, USERS.auditor)).items.map(keyOf)).toEqual([
      `${OURS}/${month}:ON_TIME`,
      `${THEIRS}/${month}:OPEN`,
    ]);
    expect(await only('areaId=area-na-namdan')).toEqual([`${THEIRS}/${month}:OPEN`, `${THEIRS}/${monthBefore}:LATE`]);
    expect((await only('officialId=official-cb-003')).length).toBe(2);
    expect((await only('groupId=group-02')).length).toBe(2);
    expect((await only(`leaderInChargeId=${LD.ld02}`)).length).toBe(2);
    expect(await only(`assignmentId=${THEIRS}`)).toEqual([`${THEIRS}/${month}:OPEN`, `${THEIRS}/${monthBefore}:LATE`]);

    // Page by page, each page one audited read naming what it showed.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const before = (await readRows()).length;
      const page: Page = await list(
        `/reports?${months}${month}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        USERS.leader,
      );
      const rows = await readRows();
      expect(rows.length).toBe(before + 1);
      expect(rows.at(-1)).toMatchObject({ entityType: 'Report', actorId: LD.ld02 });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.filter((i) => i.period === month).map((i) => i.id));

    // The group leader: the group's areas; the official: their own; another group's leader: theirs.
    expect(new Set((await list('/reports', USERS.groupLeader)).items.map((i) => i.assignmentId))).toEqual(
      new Set([OURS]),
    );
    expect(new Set((await list('/reports', USERS.official)).items.map((i) => i.assignmentId))).toEqual(new Set([OURS]));
    expect(new Set((await list('/reports', OTHER_GROUP_LEADER)).items.map((i) => i.assignmentId))).toEqual(
      new Set([THEIRS]),
    );
    expect((await list('/reports', USERS.departmentHead)).items).toEqual([]);

    const plans = await list(`/plans?month=${month}`, USERS.secondLeader);
    // ld03 is in charge of Nam Đàn: its plan (still open) first.
    expect(plans.items).toEqual([
      expect.objectContaining({ assignmentId: THEIRS, status: 'OPEN', content: null }),
      expect.objectContaining({
        assignmentId: OURS,
        status: 'ON_TIME',
        content: 'Làm việc với Ban Tổ chức Thị ủy Cửa Lò',
      }),
    ]);
  });
});

describe('ad hoc reports, acknowledged and answered', () => {
  const adHoc = {
    urgency: 'URGENT',
    situation: 'Phát sinh đơn thư tập thể tại phường Nghi Thủy',
    results: 'Đã nắm tình hình ban đầu',
  };
  let reportId: string;

  it('are refused with 400 naming the field, 422 to one not assigned, 403 to other roles', async () => {
    const url = `/assignments/${OURS}/ad-hoc-reports`;
    const { urgency: _u, ...noUrgency } = adHoc;
    for (const [field, body] of [
      ['urgency', noUrgency],
      ['urgency', { ...adHoc, urgency: 'WHENEVER' }],
      ['situation', { ...adHoc, situation: '  ' }],
      ['sensitive', { ...adHoc, sensitive: 'yes' }],
    ] as const) {
      const refused = await call('POST', url, USERS.official, body);
      expectStatus(refused, 400);
      expect((errorOf(refused).issues as { path: string }[]).map((i) => i.path)).toEqual([field]);
    }
    const stranger = await call('POST', url, USERS.complainedOf, adHoc);
    expectStatus(stranger, 422);
    expect(errorOf(stranger).rule).toBe('FILER_NOT_ASSIGNED');
    for (const username of [USERS.admin, USERS.leader, USERS.committee])
      expectStatus(await call('POST', url, username, adHoc), 403);
    expectStatus(await call('POST', '/assignments/no-such/ad-hoc-reports', USERS.official, adHoc), 404);
    expect(await h.db.prisma.adHocReport.count()).toBe(0);
  });

  it("reach the leader in charge's notifications at once, ids and urgency only; a retry sends nothing more", async () => {
    const key = { 'idempotency-key': 'ad-hoc-1' };
    const sent = await call('POST', `/assignments/${OURS}/ad-hoc-reports`, USERS.official, adHoc, key);
    expectStatus(sent, 201);
    reportId = sent.json<{ reportId: string }>().reportId;
    expect(sent.headers.location).toBe(`/reports/${reportId}`);
    const again = await call('POST', `/assignments/${OURS}/ad-hoc-reports`, USERS.official, adHoc, key);
    expectStatus(again, 201);
    expect(again.json<{ reportId: string }>().reportId).toBe(reportId);

    expect(await h.db.prisma.adHocReport.count()).toBe(1);
    const outbox = await h.db.prisma.outboxMessage.findMany({ where: { template: 'report.adhoc' } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ recipientId: LD.ld02, deliveredAt: null });
    expect(outbox[0]!.payload).toEqual({ reportId, assignmentId: OURS, urgency: 'URGENT' });
    const audit = await h.db.prisma.auditEvent.findMany({ where: { action: 'AD_HOC_REPORT_FILED' } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.payload)).not.toContain(adHoc.situation);

    const read = await auditedRead(`/reports/${reportId}`, USERS.leader, {
      actorId: LD.ld02,
      entityType: 'AdHocReport',
      entityId: reportId,
    });
    expect(read.json()).toMatchObject({
      kind: 'AD_HOC',
      urgency: 'URGENT',
      situation: adHoc.situation,
      reply: 'UNREAD',
    });
    // Any number, any day: a second one the same day.
    expectStatus(
      await call('POST', `/assignments/${OURS}/ad-hoc-reports`, USERS.official, { ...adHoc, urgency: 'NORMAL' }),
      201,
    );
    const period = sent.json<{ period: string }>().period;
    const mine = await list(`/reports?kind=AD_HOC&month=${period}`, USERS.official);
    expect(mine.items.map((i) => i.urgency).sort()).toEqual(['NORMAL', 'URGENT']);
  });

  it("are acknowledged by leadership, who answer with a task the official sees; unread first on the leader's list", async () => {
    // ld02's own areas first (Cửa Lò), and among them the reports nobody has acknowledged.
    const order = (await list('/reports', USERS.leader)).items.map(
      (i) => `${i.leaderInChargeId === LD.ld02 ? 0 : 1}${i.reply === 'UNREAD' ? 0 : 1}`,
    );
    expect(order).toEqual([...order].sort());
    expect(order[0]).toBe('00');

    for (const username of [USERS.official, USERS.groupLeader, USERS.auditor, USERS.admin])
      expectStatus(await call('POST', `/reports/${reportId}/acknowledgement`, username), 403);
    expectStatus(await call('POST', '/reports/no-such/acknowledgement', USERS.leader), 404);
    for (let i = 0; i < 2; i += 1) {
      const seen = await call('POST', `/reports/${reportId}/acknowledgement`, USERS.leader);
      expectStatus(seen, 200);
      expect(seen.json()).toEqual({ reportId, reply: 'ACKNOWLEDGED' });
    }
    expect(await h.db.prisma.reportAcknowledgement.count({ where: { reportId } })).toBe(1);
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'REPORT_ACKNOWLEDGED' } })).toBe(1);
    const acknowledged = await list('/reports?reply=ACKNOWLEDGED', USERS.leader);
    expect(acknowledged.items.map((i) => i.reportId)).toEqual([reportId]);

    const answers = `/reports/${reportId}/answers`;
    const task = { kind: 'TASK', text: 'Đề nghị nắm chắc tình hình, báo cáo trước thứ Sáu', dueOn: `${month}-28` };
    const comment = await call('POST', answers, USERS.leader, {
      kind: 'COMMENT',
      text: 'Ghi nhận',
      dueOn: `${month}-28`,
    });
    expectStatus(comment, 400);
    expect((errorOf(comment).issues as { path: string }[])[0]!.path).toBe('dueOn');
    expectStatus(await call('POST', answers, USERS.leader, { kind: 'ORDER', text: 'x' }), 400);
    expectStatus(await call('POST', answers, USERS.official, task), 403);
    const key = { 'idempotency-key': 'answer-1' };
    const answered = await call('POST', answers, USERS.leader, task, key);
    expectStatus(answered, 201);
    expectStatus(await call('POST', answers, USERS.leader, task, key), 201);
    expect(await h.db.prisma.reportAnswer.count()).toBe(1);
    const told = await h.db.prisma.outboxMessage.findMany({ where: { template: 'report.answered' } });
    expect(told).toHaveLength(1);
    expect(told[0]!.recipientId).toBe('official-cb-003');
    expect(Object.keys(told[0]!.payload as object).sort()).toEqual(['answerId', 'assignmentId', 'reportId']);

    const official = (
      await auditedRead(`/reports/${reportId}`, USERS.official, {
        actorId: 'official-cb-003',
        entityType: 'AdHocReport',
        entityId: reportId,
      })
    ).json<Item>();
    expect(official.reply).toBe('ANSWERED');
    expect(official.acknowledgements.map((a) => a.by.id)).toEqual([LD.ld02]);
    expect(official.answers).toEqual([
      expect.objectContaining({
        kind: 'TASK',
        text: task.text,
        dueOn: task.dueOn,
        answeredBy: { id: LD.ld02, name: expect.any(String) },
      }),
    ]);
    expect((await list('/reports?reply=ACKNOWLEDGED', USERS.leader)).items).toEqual([]);
  });
});

describe('a report on a sensitive matter (Đ7.A.4)', () => {
  const sensitive = {
    urgency: 'VERY_URGENT',
    sensitive: true,
    situation: 'Mất đoàn kết nội bộ trong Ban Thường vụ Thị ủy',
    results: 'Đã trao đổi với đồng chí Bí thư',
  };
  let reportId: string;
  const url = () => `/reports/${reportId}`;

  it('goes to the Head of Board alone: the notification, and nobody else learns of it', async () => {
    const sent = await call('POST', `/assignments/${OURS}/ad-hoc-reports`, USERS.official, sensitive);
    expectStatus(sent, 201);
    reportId = sent.json<{ reportId: string }>().reportId;
    const outbox = await h.db.prisma.outboxMessage.findMany({
      where: { payload: { equals: { reportId, assignmentId: OURS, urgency: 'VERY_URGENT' } } },
    });
    expect(outbox.map((m) => m.recipientId)).toEqual([LD.head]);
  });

  it('the Head of Board reads it in full and answers it', async () => {
    const read = await auditedRead(url(), USERS.head, {
      actorId: LD.head,
      entityType: 'AdHocReport',
      entityId: reportId,
    });
    expect(read.json()).toMatchObject({ sensitive: true, visibility: 'full', situation: sensitive.situation });
    expectStatus(await call('POST', `${url()}/acknowledgement`, USERS.head), 200);
    expectStatus(
      await call('POST', `${url()}/answers`, USERS.head, { kind: 'COMMENT', text: 'Trưởng ban đã nắm' }),
      201,
    );
  });

  it('its author reads it, with the answer', async () => {
    const read = await auditedRead(url(), USERS.official, {
      actorId: 'official-cb-003',
      entityType: 'AdHocReport',
      entityId: reportId,
    });
    expect(read.json()).toMatchObject({ situation: sensitive.situation, reply: 'ANSWERED' });
  });

  it('the leader in charge and another leader: invisible (403, not listed, not on the timeline), cannot acknowledge it', async () => {
    for (const [username, actorId] of [
      [USERS.leader, LD.ld02],
      [USERS.secondLeader, LD.ld03],
    ] as const) {
      await refusedRead(url(), username, 403);
      expect((await list('/reports?kind=AD_HOC', username)).items.map((i) => i.reportId)).not.toContain(reportId);
      expectStatus(await call('POST', `${url()}/acknowledgement`, username), 403);
      expectStatus(await call('POST', `${url()}/answers`, username, { kind: 'COMMENT', text: 'x' }), 403);
      const timeline = await call('GET', `/assignments/${OURS}/timeline`, username);
      expectStatus(timeline, 200);
      const steps = timeline.json<{ events: { action: string; actorId: string | null }[] }>().events;
      expect(steps.filter((e) => e.action === 'AD_HOC_REPORT_FILED')).toHaveLength(2);
      expect(steps.some((e) => e.actorId === LD.head && e.action.startsWith('REPORT_'))).toBe(false);
      expect(actorId).toMatch(/^official-ld-0[23]$/);
    }
    // The Head of Board sees all three on the timeline.
    const head = (await call('GET', `/assignments/${OURS}/timeline`, USERS.head)).json<{
      events: { action: string }[];
    }>();
    expect(head.events.filter((e) => e.action === 'AD_HOC_REPORT_FILED')).toHaveLength(3);
  });

  it("the group leader: invisible, though it is the group's area", async () => {
    await refusedRead(url(), USERS.groupLeader, 403);
    expect((await list('/reports', USERS.groupLeader)).items.map((i) => i.reportId)).not.toContain(reportId);
  });

  it('other officials, area committees and administrators: refused', async () => {
    for (const username of [USERS.complainedOf, USERS.member, OTHER_GROUP_LEADER])
      await refusedRead(url(), username, 403);
    for (const username of [USERS.committee, USERS.admin]) await refusedRead(url(), username, 403);
  });

  it('the auditor: that it exists, who sent it and to whom, not its content (the policy says so by default)', async () => {
    const read = await auditedRead(url(), USERS.auditor, {
      actorId: 'official-cb-014',
      entityType: 'AdHocReport',
      entityId: reportId,
    });
    expect(read.json()).toMatchObject({
      visibility: 'metadata',
      sensitive: true,
      filedById: 'official-cb-003',
      recipientId: LD.head,
      situation: null,
      results: null,
      answers: [],
    });
    const listed = (await list('/reports?kind=AD_HOC', USERS.auditor)).items.find((i) => i.reportId === reportId);
    expect(listed).toMatchObject({ visibility: 'metadata', situation: null });
    expect(DEFAULT_POLICY.reports.auditorReadsSensitiveContent).toBe(false);
    // The switch in the versioned policy (machines/policy.ts) turns it to the content.
    const reader = { actor: asOfficial('cb-014', ['OFFICIAL', 'AUDITOR']), ledGroupIds: [] };
    const filing = {
      officialId: 'official-cb-003',
      groupId: 'group-01',
      filedById: 'official-cb-003',
      sensitive: true,
    };
    expect(filingVisibility(reader, filing, { auditorReadsSensitiveContent: true })).toBe('full');
  });
});

describe('the OpenAPI document', () => {
  it('describes the report routes with their tags, summaries and roles', async () => {
    const response = await suite!.app.inject({ method: 'GET', url: '/openapi.json' });
    expectStatus(response, 200);
    type Operation = { tags?: string[]; summary?: string; 'x-roles'?: string[] };
    const paths = response.json<{ paths: Record<string, Record<string, Operation>> }>().paths;
    for (const [path, method, roles] of [
      ['/plans', 'get', 'AUDITOR'],
      ['/reports', 'get', 'GROUP_LEADER'],
      ['/reports/{id}', 'get', 'OFFICIAL'],
      ['/assignments/{id}/months/{period}/plan', 'get', 'BOARD_LEADER'],
      ['/assignments/{id}/months/{period}/report', 'get', 'HEAD_OF_BOARD'],
      ['/assignments/{id}/ad-hoc-reports', 'post', 'OFFICIAL'],
      ['/reports/{id}/acknowledgement', 'post', 'BOARD_LEADER'],
      ['/reports/{id}/answers', 'post', 'HEAD_OF_BOARD'],
    ] as const) {
      const operation = paths[path]?.[method];
      expect(operation?.tags, `${method} ${path}`).toContain('reports');
      expect(operation?.summary).toBeTruthy();
      expect(operation?.['x-roles']).toContain(roles);
    }
  });
});
