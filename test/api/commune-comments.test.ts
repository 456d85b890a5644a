/**
 * The commune committee's comment form through the HTTP API, on the demonstration's second programme with a version
 * asking for the form on the suite's first day: the committee reads its request and sends its form (another commune's
 * committee refused, bad forms 400/422 naming the field or rule), or says it cannot comment; the form is confidential
 * (the leader monitored refused unless the version says so, even as the agency's head; Board leadership sees the
 * request for another monitor, not the texts) and every read is audited; then the year's results per leader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_READ } from '../../api/audited-read';
import type { AgencyMonitoring } from '../../contracts/agencies';
import type { AgencyRatings, CommuneComment, CommuneCommentList } from '../../contracts/commune-comments';
import { dayOf } from '../../machines/calendar';
import { communeCommentId, communeCommentWorkflowId, DEFAULT_COMMENT_CRITERIA } from '../../machines/commune-comment';
import { PolicySchema } from '../../machines/policy';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_FIRST_VERSION, PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { communeCommentWorkflow } from '../../workflows/commune-comment.workflow';
import { errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite | undefined;
const s = () => suite!;
const VERSION = 'test.comment-api-1';
let year = 0;
let cuaLo = ''; // stc.gd's commune (ducualo), stc.gd heads the agency too
let hoangMai = ''; // stc.pgd1's commune (duhoangmai)
let key = 0;
const keyed = () => ({ 'idempotency-key': `comment-${Date.now()}-${(key += 1)}` });
const answers = DEFAULT_COMMENT_CRITERIA.map((c) => ({ key: c.key, text: `Nhận xét về: ${c.label}` }));
const form = {
  level: 'GOOD',
  criteria: answers,
  overall: 'Đồng chí nắm chắc tình hình cơ sở.',
  anotherMonitor: { reason: 'Đồng chí được giao thêm nhiệm vụ, ít về xã.' },
};
const audited = () =>
  s().h.db.prisma.auditEvent.count({ where: { action: CONFIDENTIAL_READ, entityType: 'CommuneComment' } });

beforeAll(async () => {
  suite = await startApiSuite();
  const { prisma } = s().h.db;
  await seedDemoMap(prisma);
  await seedProgramme26(prisma);
  const today = dayOf(s().h.startedAt);
  year = Number(today.slice(0, 4));
  const admin = await prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const policy = PolicySchema.parse({
    ...PROGRAMME_26_FIRST_VERSION,
    version: VERSION,
    yearly: {
      ...PROGRAMME_26_FIRST_VERSION.yearly!,
      comment: { ...PROGRAMME_26_FIRST_VERSION.yearly!.comment, requestOn: today.slice(5) },
    },
  });
  await prisma.programmeVersion.create({
    data: { programmeId: PROGRAMME_26_ID, label: VERSION, policy, effectiveFrom: today, publishedById: admin.id },
  });
  const links = await prisma.agencyLeaderArea.findMany({
    where: { programmeId: PROGRAMME_26_ID, areaId: { in: [unitId('16732'), unitId('17110')] } },
    orderBy: { areaId: 'asc' },
  });
  expect(links).toHaveLength(2);
  for (const link of links)
    await s().h.client.workflow.start(communeCommentWorkflow, {
      taskQueue: s().h.taskQueue,
      workflowId: communeCommentWorkflowId(link.id),
      args: [{ linkId: link.id, year }],
    });
  cuaLo = communeCommentId(links[0]!.id, year);
  hoangMai = communeCommentId(links[1]!.id, year);
});

afterAll(async () => {
  await suite?.close();
});

describe("the commune committee's comment form", () => {
  it('shows a committee the request made to it, with the criteria and what it may do, and audits the read', async () => {
    await expect
      .poll(() => s().h.db.prisma.communeComment.count({ where: { year, state: 'REQUESTED' } }), { timeout: 30_000 })
      .toBe(2);
    const before = await audited();
    const response = await s().api.call('GET', `/commune-comments?year=${year}`, 'ducualo');
    expect(response.statusCode, response.body).toBe(200);
    const { items } = response.json<CommuneCommentList>();
    expect(items.map((c) => c.id)).toEqual([cuaLo]);
    expect(items[0]).toMatchObject({
      state: 'REQUESTED',
      visibility: 'FULL',
      policyVersion: VERSION,
      allowedEvents: ['SUBMIT_COMMENT', 'EXEMPT_COMMENT'],
      leader: { displayName: 'Lê Minh Khoa', agency: { code: 'STC' } },
    });
    expect(items[0]!.questions.map((q) => q.key)).toEqual(DEFAULT_COMMENT_CRITERIA.map((c) => c.key));
    expect(await audited()).toBe(before + 1);
  });

  it("refuses another commune's committee (403) and bad forms, naming the field or the rule", async () => {
    const other = await s().api.call('POST', `/commune-comments/${cuaLo}/submission`, 'duhoangmai', form, keyed());
    expect(other.statusCode, other.body).toBe(403);
    const read = await s().api.call('GET', `/commune-comments/${cuaLo}`, 'duhoangmai');
    expect(read.statusCode, read.body).toBe(403);

    const missing = await s().api.call(
      'POST',
      `/commune-comments/${hoangMai}/submission`,
      'duhoangmai',
      { ...form, criteria: answers.slice(1) },
      keyed(),
    );
    expect(missing.statusCode, missing.body).toBe(422);
    expect(errorOf(missing)).toMatchObject({ code: 'RuleViolated', rule: 'COMMENT_CRITERIA_MISMATCH' });

    const noReason = await s().api.call(
      'POST',
      `/commune-comments/${hoangMai}/submission`,
      'duhoangmai',
      { ...form, anotherMonitor: { reason: ' ' } },
      keyed(),
    );
    expect(noReason.statusCode, noReason.body).toBe(400);
    expect(noReason.body).toContain('anotherMonitor.reason');
    const badLevel = await s().api.call(
      'POST',
      `/commune-comments/${hoangMai}/submission`,
      'duhoangmai',
      { ...form, level: 'BEST' },
      keyed(),
    );
    expect(badLevel.statusCode, badLevel.body).toBe(400);
    const unknown = await s().api.call('GET', '/commune-comments/commune-comment-nowhere-2000', 'btv.01');
    expect(unknown.statusCode, unknown.body).toBe(404);
  });

  it('takes a form asking for another monitor; then it is settled (409)', async () => {
    const response = await s().api.call(
      'POST',
      `/commune-comments/${hoangMai}/submission`,
      'duhoangmai',
      form,
      keyed(),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<CommuneComment>()).toMatchObject({
      state: 'SUBMITTED',
      level: 'GOOD',
      late: false,
      anotherMonitor: form.anotherMonitor,
      allowedEvents: [],
    });
    const again = await s().api.call(
      'POST',
      `/commune-comments/${hoangMai}/exemption`,
      'duhoangmai',
      { reason: 'x' },
      keyed(),
    );
    expect(again.statusCode, again.body).toBe(409);
  });

  it('keeps the form from the leader monitored by default, shows it to the head, the Standing Committee and the auditor, and Board leadership the ground only; every read audited', async () => {
    const before = await audited();
    const leader = await s().api.call('GET', `/commune-comments/${hoangMai}`, 'stc.pgd1');
    expect(leader.statusCode, leader.body).toBe(403);
    expect(errorOf(leader)).toMatchObject({ reason: 'CONFIDENTIAL' });
    const otherHead = await s().api.call('GET', `/commune-comments/${hoangMai}`, 'snnmt.gd');
    expect(otherHead.statusCode, otherHead.body).toBe(403);
    for (const username of ['stc.gd', 'btv.01', U.auditor]) {
      const response = await s().api.call('GET', `/commune-comments/${hoangMai}`, username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(200);
      expect(response.json<CommuneComment>()).toMatchObject({ visibility: 'FULL', answers, overall: form.overall });
    }
    const board = await s().api.call('GET', `/commune-comments/${hoangMai}`, U.head);
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json<CommuneComment>()).toMatchObject({
      visibility: 'GROUND',
      answers: null,
      overall: null,
      level: 'GOOD',
      anotherMonitor: form.anotherMonitor,
    });
    // The head is the leader monitored in the other commune: not theirs to read by default.
    const headOwn = await s().api.call('GET', `/commune-comments/${cuaLo}`, 'stc.gd');
    expect(headOwn.statusCode, headOwn.body).toBe(403);
    expect(await audited()).toBe(before + 4);

    for (const username of ['btv.01', U.head]) {
      const grounds = await s().api.call('GET', `/commune-comments?year=${year}&requestsAnotherMonitor=true`, username);
      expect(grounds.statusCode, grounds.body).toBe(200);
      expect(grounds.json<CommuneCommentList>().items.map((c) => c.id)).toEqual([hoangMai]);
    }
    expect(await audited()).toBe(before + 6);
  });

  it('lets the leader read the form when the version says so', async () => {
    const { prisma } = s().h.db;
    const version = await prisma.programmeVersion.findFirstOrThrow({ where: { label: VERSION } });
    const policy = PolicySchema.parse(version.policy);
    await prisma.programmeVersion.update({
      where: { id: version.id },
      data: {
        policy: {
          ...policy,
          yearly: { ...policy.yearly!, comment: { ...policy.yearly!.comment, leaderReadsComment: true } },
        },
      },
    });
    const leader = await s().api.call('GET', `/commune-comments/${hoangMai}`, 'stc.pgd1');
    expect(leader.statusCode, leader.body).toBe(200);
    expect(leader.json<CommuneComment>()).toMatchObject({ visibility: 'FULL', overall: form.overall });
    await prisma.programmeVersion.update({ where: { id: version.id }, data: { policy: version.policy as object } });
    const again = await s().api.call('GET', `/commune-comments/${hoangMai}`, 'stc.pgd1');
    expect(again.statusCode, again.body).toBe(403);
  });

  it('takes an exemption with a reason', async () => {
    const reason = 'Đồng chí mới được phân công theo dõi phường chưa đủ 6 tháng.';
    const response = await s().api.call('POST', `/commune-comments/${cuaLo}/exemption`, 'ducualo', { reason }, keyed());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<CommuneComment>()).toMatchObject({ state: 'EXEMPTED', exemption: { reason } });
  });
});

describe('GET /agencies/:agencyId/ratings', () => {
  const ratings = (agencyId: string) => `/agencies/${agencyId}/ratings?year=${year}`;

  it("sums each leader's year: communes, filings, comment levels and requests for another monitor, and audits it", async () => {
    const response = await s().api.call('GET', ratings('agency-na-stc'), 'btv.01');
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json<AgencyRatings>();
    expect(answer.leaders.map((l) => l.displayName)).toEqual(['Lê Minh Khoa', 'Phạm Thị Thu Trang']);
    const [head, deputy] = answer.leaders as [AgencyRatings['leaders'][number], AgencyRatings['leaders'][number]];
    expect(head.communes[0]!.comment).toMatchObject({ id: cuaLo, state: 'EXEMPTED', level: null });
    expect(head.totals).toMatchObject({ communes: 1, exempted: 1, requestsAnotherMonitor: 0 });
    expect(deputy.communes[0]!.comment).toMatchObject({ id: hoangMai, level: 'GOOD', requestsAnotherMonitor: true });
    expect(deputy.totals).toMatchObject({
      communes: 1,
      levels: { EXCELLENT: 0, GOOD: 1, COMPLETED: 0, NOT_COMPLETED: 0 },
      requestsAnotherMonitor: 1,
    });
    const audit = await s().h.db.prisma.auditEvent.findMany({
      where: { action: CONFIDENTIAL_READ, entityType: 'AgencyRatings' },
    });
    expect(audit).toHaveLength(1);
  });

  it("counts the form received in the agency's monitoring, not the exempted one", async () => {
    const response = await s().api.call('GET', '/agencies/agency-na-stc/monitoring', U.head);
    expect(response.statusCode, response.body).toBe(200);
    const [head, deputy] = response.json<AgencyMonitoring>().leaders;
    expect(head!.communes[0]!.commentsReceived).toEqual([]);
    expect(deputy!.communes[0]!.commentsReceived.map((c) => c.year)).toEqual([year]);
    expect(deputy!.totals.commentsReceived).toBe(1);
  });

  it('shows a head their own agency without their own comment, refuses others (403), unknown agency 404', async () => {
    const own = await s().api.call('GET', ratings('agency-na-stc'), 'stc.gd');
    expect(own.statusCode, own.body).toBe(200);
    const [head, deputy] = own.json<AgencyRatings>().leaders;
    expect(head!.communes[0]!.comment).toBeNull();
    expect(deputy!.communes[0]!.comment).toMatchObject({ level: 'GOOD' });
    for (const username of [U.head, U.auditor]) {
      const response = await s().api.call('GET', ratings('agency-na-stc'), username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(200);
    }
    for (const username of ['snnmt.gd', 'stc.pgd1', 'ducualo', U.official]) {
      const response = await s().api.call('GET', ratings('agency-na-stc'), username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(403);
    }
    const unknown = await s().api.call('GET', ratings('agency-nowhere'), 'btv.01');
    expect(unknown.statusCode, unknown.body).toBe(404);
    const badYear = await s().api.call('GET', '/agencies/agency-na-stc/ratings?year=abc', 'btv.01');
    expect(badYear.statusCode, badYear.body).toBe(400);
  });
});
