/**
 * The HTTP API in process against the real time-skipping Temporal server, the real worker and a fresh seeded
 * database: the assignment routes, the monthly plan, refusals and bad input. Login, tokens, roles and the OpenAPI
 * document are in test/api/auth.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer } from '../../api/server';
import { WorkflowViewCache } from '../../api/assignments/view-cache';
import { type AssignmentView, assignmentStateQuery } from '../../workflows/assignment.messages';
import { dayOf, nextMonth } from '../../machines/calendar';
import { assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { filePlanUpdate, monthlyCycleStateQuery } from '../../workflows/monthly-cycle.messages';
import { apiClient, errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let app: FastifyInstance;
const signer = new TokenSigner(Buffer.from('test-secret-of-at-least-32-bytes!!'));

let call: ReturnType<typeof apiClient>['call'];

/** Today in Vietnam, in server time: the day a decision taken now is issued on. */
async function serverDay(): Promise<string> {
  return dayOf(await h.env.currentTimeMs());
}

/** Days, in server time. */
async function serverMonth(): Promise<string> {
  return new Date(await h.env.currentTimeMs()).toISOString().slice(0, 7);
}

beforeAll(async () => {
  h = await startLifecycleHarness();
  app = buildServer(
    { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
    { tokens: signer },
  );
  await app.ready();
  ({ call } = apiClient(app));
});

afterAll(async () => {
  await app?.close();
  await h?.close();
});

describe('assignments', () => {
  let assignmentId: string;
  let secondId: string;
  let month: string;

  it('a department head proposes an assignment (201, awaiting approval)', async () => {
    month = nextMonth(await serverMonth());
    const response = await call('POST', '/assignments', USERS.officialsHead, {
      areaId: 'area-na-namdan',
      officialId: 'official-cb-003',
      effectiveFrom: `${month}-01`,
      reason: 'Phân công đồng chí theo dõi địa bàn huyện Nam Đàn',
    });
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json<AssignmentView>();
    expect(view.state).toBe('awaitingApproval');
    expect(view.allowedEvents).toContain('APPROVE');
    expect(response.headers.location).toBe(`/assignments/${view.assignmentId}`);
    assignmentId = view.assignmentId;
  });

  it("lists the pending proposal in the leaders' inbox, page by page", async () => {
    // A second proposal, by the Head of Board, so that there are two pages.
    const second = await call('POST', '/assignments', USERS.head, {
      areaId: 'area-na-cualo',
      officialId: 'official-cb-008',
      effectiveFrom: `${month}-01`,
      reason: 'Đề xuất phân công theo dõi Thị xã Cửa Lò',
    });
    expect(second.statusCode, second.body).toBe(201);
    secondId = second.json<AssignmentView>().assignmentId;

    const seen: { assignmentId: string; reason: string }[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const response = await call('GET', `/approvals/inbox?limit=1${cursor ? `&cursor=${cursor}` : ''}`, USERS.leader);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<{ items: { assignmentId: string; reason: string }[]; nextCursor: string | null }>();
      expect(body.items.length).toBeLessThanOrEqual(1);
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.map((s) => s.assignmentId).sort()).toEqual([assignmentId, secondId].sort());
    expect(seen.find((s) => s.assignmentId === secondId)?.reason).toBe('Đề xuất phân công theo dõi Thị xã Cửa Lò');

    // The Head of Board may not decide their own proposal: 422 with the rule.
    const self = await call('POST', `/assignments/${secondId}/approve`, USERS.head, {
      decision: { number: '02-QĐ/BTCTU', issuedOn: await serverDay(), signerId: 'official-ld-01' },
    });
    expect(self.statusCode, self.body).toBe(422);
    expect(errorOf(self)).toMatchObject({ code: 'RuleViolated', rule: 'NO_SELF_APPROVAL' });
  });

  it('refuses the approval to someone outside leadership (403), whatever the body claims', async () => {
    const response = await call('POST', `/assignments/${assignmentId}/approve`, USERS.departmentHead, {
      decision: { number: '01-QĐ/BTCTU', issuedOn: await serverDay(), signerId: 'official-ld-02' },
    });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).message).toMatch(/BOARD_LEADER/);
    // The actor comes from the token: a body naming one is an unknown field.
    const smuggled = await call('POST', `/assignments/${assignmentId}/approve`, USERS.leader, {
      actor: { id: 'official-ld-02', roles: ['BOARD_LEADER'] },
      decision: { number: '01-QĐ/BTCTU', issuedOn: await serverDay(), signerId: 'official-ld-02' },
    });
    expect(smuggled.statusCode).toBe(400);
  });

  it('a leader approves (200), and approving again is a 409 listing the events allowed now', async () => {
    const decision = {
      number: '01-QĐ/BTCTU',
      issuedOn: await serverDay(),
      signerId: 'official-ld-02',
      summary: 'Quyết định phân công cán bộ theo dõi địa bàn',
    };
    const approved = await call('POST', `/assignments/${assignmentId}/approve`, USERS.leader, { decision });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<AssignmentView>().state).toBe('scheduled');

    const again = await call('POST', `/assignments/${assignmentId}/approve`, USERS.head, {
      decision: { ...decision, number: '03-QĐ/BTCTU' },
    });
    expect(again.statusCode, again.body).toBe(409);
    const error = errorOf(again);
    expect(error.code).toBe('TransitionRefused');
    expect(Array.isArray(error.allowedEvents)).toBe(true);
    expect(error.allowedEvents).not.toContain('APPROVE');

    const read = await call('GET', `/assignments/${assignmentId}`, USERS.auditor);
    expect(read.statusCode, read.body).toBe(200);
    const body = read.json<{ view: AssignmentView; record: { id: string; areaId: string } | null }>();
    expect(body.view.state).toBe('scheduled');
    expect(body.record).toMatchObject({ id: assignmentId, areaId: 'area-na-namdan' });
    // Area committees are not Board staff.
    expect((await call('GET', `/assignments/${assignmentId}`, USERS.committee)).statusCode).toBe(403);
  });

  it('refuses a plan without its time or its place, or with a day outside its month: 400 naming the field (Đ8.1), nothing recorded', async () => {
    await h.sleepUntil(Date.parse(`${month}-02T05:00:00.000Z`));
    const cycle = h.client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month));
    for (let i = 0; i < 100; i += 1) {
      if (
        await cycle.describe().then(
          () => true,
          () => false,
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Đ8.1: a month's plan "bảo đảm về nội dung, thời gian, địa điểm": content, time and place, all three.
    const content = 'Làm việc với Ban Thường vụ Huyện ủy Nam Đàn';
    const plan = { content, plannedFor: `${month}-12`, place: 'Trụ sở Huyện ủy Nam Đàn' };
    const [year, mm] = month.split('-').map(Number) as [number, number];
    const monthBefore = mm === 1 ? `${year - 1}-12` : `${year}-${String(mm - 1).padStart(2, '0')}`;
    const refusals: [field: string, body: object][] = [
      ['plannedFor', { content, place: plan.place }],
      ['place', { content, plannedFor: plan.plannedFor }],
      ['place', { ...plan, place: '   ' }],
      ['plannedFor', { ...plan, plannedFor: '' }],
      ['plannedFor', { ...plan, plannedFor: `${nextMonth(month)}-01` }],
      ['plannedFor', { ...plan, plannedFor: `${monthBefore}-28` }],
      ['plannedFor', { ...plan, plannedFor: '9999-12-31' }],
    ];
    for (const [field, body] of refusals) {
      const refused = await call('POST', `/assignments/${assignmentId}/months/${month}/plan`, USERS.official, body);
      expect(refused.statusCode, `${JSON.stringify(body)}: ${refused.body}`).toBe(400);
      expect(errorOf(refused).code).toBe('INVALID_INPUT');
      expect([...new Set((errorOf(refused).issues as { path: string }[]).map((i) => i.path))]).toEqual([field]);
    }
    const outside = await call('POST', `/assignments/${assignmentId}/months/${month}/plan`, USERS.official, {
      ...plan,
      plannedFor: `${nextMonth(month)}-01`,
    });
    expect((errorOf(outside).issues as { message: string }[])[0]!.message).toContain(
      `within the plan's month, ${month}`,
    );

    // The workflow's own validator refuses the same to any client of the update, before anything enters history.
    const official = { id: 'official-cb-003', roles: ['OFFICIAL' as const] };
    for (const bad of [{ content }, { ...plan, plannedFor: `${nextMonth(month)}-01` }]) {
      const refused = await cycle
        .executeUpdate(filePlanUpdate, { args: [{ actor: official, plan: bad as typeof plan }] })
        .then(
          () => null,
          (error: unknown) => error as { cause?: { type?: string; message?: string } },
        );
      expect(refused?.cause?.type).toBe('InvalidInput');
      expect(refused?.cause?.message).toContain('plan.plannedFor');
    }
    const history = await cycle.fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    expect(await h.db.prisma.monthlyPlan.count({ where: { assignmentId } })).toBe(0);
    expect((await cycle.query(monthlyCycleStateQuery)).state).toContain('plan.due');
  });

  it("the official files the month's plan with its content, day and place, diacritics intact", async () => {
    const content = 'Kế hoạch tháng: làm việc với Ban Thường vụ Huyện ủy Nam Đàn về công tác xây dựng Đảng';
    const plan = { content, plannedFor: `${month}-12`, place: 'Trụ sở Huyện ủy Nam Đàn, xã Vân Diên' };
    const filed = await call('POST', `/assignments/${assignmentId}/months/${month}/plan`, USERS.official, plan);
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json<{ late: boolean }>().late).toBe(false);
    const stored = await h.db.prisma.monthlyPlan.findUnique({
      where: { assignmentId_period: { assignmentId, period: month } },
    });
    expect(stored?.content).toBe(content);
    expect(stored?.place).toBe(plan.place);
    expect(stored?.plannedFor?.toISOString().slice(0, 10)).toBe(plan.plannedFor);
    expect(stored?.filedById).toBe('official-cb-003');
    // Where plans are shown (GET /assignments/:id/months, the official's page), the day and place are read back.
    const months = await call('GET', `/assignments/${assignmentId}/months?from=${month}&to=${month}`, USERS.leader);
    expect(months.statusCode, months.body).toBe(200);
    expect(months.json<{ months: { period: string; plan: object }[] }>().months).toEqual([
      expect.objectContaining({ period: month, plan: expect.objectContaining({ ...plan, late: false }) }),
    ]);

    // A month before the assignment took effect has no plan to file: refused with the reason.
    const before = await call('POST', `/assignments/${assignmentId}/months/2001-01/plan`, USERS.official, {
      ...plan,
      plannedFor: '2001-01-10',
    });
    expect(before.statusCode, before.body).toBe(409);
    expect(errorOf(before)).toMatchObject({ code: 'MONTH_NOT_OPEN', firstMonth: month, allowedEvents: [] });
    expect(errorOf(before).message).toContain(`the first month of the assignment is ${month}`);
    // A month to come neither.
    const later = await call('POST', `/assignments/${assignmentId}/months/${nextMonth(month)}/plan`, USERS.official, {
      ...plan,
      plannedFor: `${nextMonth(month)}-10`,
    });
    expect(later.statusCode, later.body).toBe(409);
    expect(errorOf(later).message).toContain(`${nextMonth(month)} has not begun`);
    // Nor an assignment that does not exist.
    const unknown = await call('POST', `/assignments/no-such-assignment/months/${month}/plan`, USERS.official, plan);
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(errorOf(unknown).message).toBe('assignment no-such-assignment does not exist');
    // Leadership does not file plans.
    expect(
      (await call('POST', `/assignments/${assignmentId}/months/${month}/plan`, USERS.leader, plan)).statusCode,
    ).toBe(403);
  });

  it('only the proposer withdraws (422 otherwise, 200 for them); a withdrawn proposal leaves the inbox', async () => {
    const other = await call('POST', `/assignments/${secondId}/withdraw`, USERS.departmentHead);
    expect(other.statusCode, other.body).toBe(422);
    expect(errorOf(other).rule).toBe('ONLY_PROPOSER_WITHDRAWS');
    const own = await call('POST', `/assignments/${secondId}/withdraw`, USERS.head, {});
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<AssignmentView>().allowedEvents).not.toContain('WITHDRAW');
    const inbox = (await call('GET', '/approvals/inbox?limit=100', USERS.head)).json<{
      items: { assignmentId: string }[];
    }>();
    expect(inbox.items.map((i) => i.assignmentId)).not.toContain(secondId);
    const closed = await call('POST', `/assignments/${secondId}/approve`, USERS.leader, {
      decision: { number: '04-QĐ/BTCTU', issuedOn: await serverDay(), signerId: 'official-ld-02' },
    });
    // The withdrawn appointment's workflow has ended: still a 409 with its final state, not a 404.
    expect(closed.statusCode, closed.body).toBe(409);
    expect(errorOf(closed)).toMatchObject({ code: 'TransitionRefused', state: 'closed', allowedEvents: [] });
    // A rejection needs its reason.
    const reject = await call('POST', `/assignments/${assignmentId}/reject`, USERS.leader, {});
    expect(reject.statusCode).toBe(400);
    expect(errorOf(reject).issues).toEqual([expect.objectContaining({ path: 'comment' })]);
  });

  it("the official files the month's report, and the timeline tells the story in Vietnamese", async () => {
    await h.sleepUntil(Date.parse(`${nextMonth(month)}-01T05:00:00.000Z`));
    const filed = await call('POST', `/assignments/${assignmentId}/months/${month}/report`, USERS.official, {
      situation: 'Tình hình chính trị ổn định',
      results: 'Đã dự hội nghị Ban Chấp hành Đảng bộ huyện',
    });
    expect(filed.statusCode, filed.body).toBe(200);

    const response = await call('GET', `/assignments/${assignmentId}/timeline`, USERS.leader);
    expect(response.statusCode, response.body).toBe(200);
    const events = response.json<{ events: { seq: number; action: string; label: string }[] }>().events;
    const labels = events.map((e) => e.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Đề xuất phân công cán bộ theo dõi địa bàn',
        'Phê duyệt phân công',
        'Bắt đầu theo dõi địa bàn',
        'Nộp kế hoạch công tác tháng',
        'Nộp báo cáo tháng',
      ]),
    );
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    expect((await call('GET', '/assignments/no-such-assignment/timeline', USERS.leader)).statusCode).toBe(404);
  });

  it("lists each month's plan and report with due date, deadline state and lateness", async () => {
    const response = await call('GET', `/assignments/${assignmentId}/months`, USERS.official);
    expect(response.statusCode, response.body).toBe(200);
    type Filing = { dueAt: string | null; deadline: string | null; filedAt: string | null; late: boolean | null };
    const months = response.json<{ months: { period: string; plan: Filing; report: Filing }[] }>().months;
    const first = months.find((m) => m.period === month)!;
    expect(first.plan).toMatchObject({ deadline: 'MET', late: false });
    expect(first.report).toMatchObject({ deadline: 'MET', late: false });
    expect(Date.parse(first.plan.filedAt!)).toBeLessThanOrEqual(Date.parse(first.plan.dueAt!));
    expect(first.report.dueAt! > first.plan.dueAt!).toBe(true);
    // The next month's cycle has opened its deadlines; nothing is filed yet.
    expect(months.find((m) => m.period === nextMonth(month))?.plan).toMatchObject({
      deadline: 'OPEN',
      filedAt: null,
      late: null,
    });
    expect(months.map((m) => m.period)).toEqual([...months.map((m) => m.period)].sort().reverse());
    const bad = await call('GET', `/assignments/${assignmentId}/months?from=2027-05&to=2027-01`, USERS.official);
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', `/assignments/${assignmentId}/months`, USERS.committee)).statusCode).toBe(403);
  });
});

/** A proposal by the Head of Board (who may withdraw it again); its assignment id. */
async function proposeAsHead(body: {
  areaId: string;
  officialId: string;
  effectiveFrom: string;
  reason: string;
}): Promise<string> {
  const proposed = await call('POST', '/assignments', USERS.head, body);
  expect(proposed.statusCode, proposed.body).toBe(201);
  return proposed.json<AssignmentView>().assignmentId;
}

describe('filings for a month the assignment has none for', () => {
  it('an assignment taking effect mid-month has its first plan and report the month after: 409 with the reason', async () => {
    const month = nextMonth(await serverMonth());
    const id = await proposeAsHead({
      areaId: 'area-na-dienchau',
      officialId: 'official-cb-010',
      effectiveFrom: `${month}-15`,
      reason: 'Đề xuất phân công theo dõi huyện Diễn Châu từ giữa tháng',
    });
    const refused = await call('POST', `/assignments/${id}/months/${month}/report`, USERS.official, {
      situation: 'Ổn định',
      results: 'Đã làm việc',
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(errorOf(refused)).toMatchObject({
      code: 'MONTH_NOT_OPEN',
      firstMonth: nextMonth(month),
      state: 'awaitingApproval',
    });
    expect((await call('POST', `/assignments/${id}/withdraw`, USERS.head, {})).statusCode).toBe(200);
  });
});

describe("GET /assignments/:id's view", () => {
  it('is queried from the workflow once per history length: the same answer until the history grows, then the new one', async () => {
    const id = await proposeAsHead({
      areaId: 'area-na-concuong',
      officialId: 'official-cb-009',
      effectiveFrom: `${nextMonth(await serverMonth())}-01`,
      reason: 'Đề xuất phân công theo dõi huyện Con Cuông',
    });
    const handle = h.client.workflow.getHandle(assignmentWorkflowId(id));
    const cache = new WorkflowViewCache<AssignmentView>();
    let queries = 0;
    const query = () => {
      queries += 1;
      return handle.query(assignmentStateQuery);
    };

    // The proposal's own steps (recording it) still grow the history for a moment after the 201.
    let length = -1;
    for (let settled = false; !settled;) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = (await handle.describe()).historyLength;
      settled = now === length;
      length = now;
    }

    const first = await cache.read(handle, query);
    expect(first.state).toBe('awaitingApproval');
    expect(await cache.read(handle, query)).toBe(first);
    expect(queries).toBe(1);

    expect((await call('POST', `/assignments/${id}/withdraw`, USERS.head, {})).statusCode).toBe(200);
    const after = await cache.read(handle, query);
    expect(queries).toBe(2);
    expect(after.state).toBe('closed');
    // And through the route, which keeps its own.
    const read = await call('GET', `/assignments/${id}`, USERS.leader);
    expect(read.json<{ view: AssignmentView }>().view.state).toBe('closed');
  });
});
