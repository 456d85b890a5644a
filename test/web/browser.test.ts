/**
 * The web application in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the real
 * API, the real worker, the time-skipping Temporal server and a fresh seeded database. One assignment carries the
 * story, in server time: an official files a plan on time and a report late and sees it marked late, with the due
 * dates the API records; the area committee sends its annual evaluation, the group leader proposes the rating and a
 * leader rates it; three years on, a department head proposes the rotation and a leader approves it in the inbox; once
 * it has closed, the auditor replays its recorded history and checks the audit chain.
 * Fields are found by their labels, forms are submitted from the keyboard, and each page is screenshotted to
 * test-artifacts/screenshots/<scenario>-<page>.png.
 * The people, and the means to act as them, are in test/support/browser-story.ts; each person's steps on their
 * pages in test/support/browser-scenarios.ts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentStateQuery, type AssignmentView } from '../../workflows/assignment.messages';
import { addYears, dayOf, nextMonth, startOfDay } from '../../machines/calendar';
import { annualEvaluationWorkflowId, assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { monthlyCycleStateQuery } from '../../workflows/monthly-cycle.messages';
import {
  type BrowserSuite,
  clearFailureScreenshots,
  newContext,
  screenshot,
  startBrowserSuite,
  watchErrors,
  type WebServer,
} from '../support/browser';
import {
  approveRotation,
  fileLateReport,
  filePlanOnTime,
  importRoster,
  proposeRating,
  rateEvaluation,
  replayHistory,
  sendAreaEvaluation,
} from '../support/browser-scenarios';
import {
  AREA,
  COMPLAINT,
  DAY,
  DEPARTMENT_HEAD,
  expectLabelled,
  GROUP_ID,
  OFFICIAL,
  OFFICIALS_HEAD,
  OTHER,
  RATER,
  storyDriver,
  SUCCESSOR,
} from '../support/browser-story';
import type { LifecycleHarness } from '../support/lifecycle-harness';
import { noonInVietnam } from '../support/scenario-driver';

let h: LifecycleHarness;
let web: WebServer;
let browser: Browser;
let assignmentId: string;
let otherId: string;
let effectiveFrom: string;
/** The first month of service (YYYY-MM). */
let month: string;
/** The year of the first annual evaluation. */
let year: number;

const { api, serverNow, skipUntil, as } = storyDriver(() => ({ h, web, browser }));
const view = () => h.client.workflow.getHandle(assignmentWorkflowId(assignmentId)).query(assignmentStateQuery);

let suite: BrowserSuite | undefined;

beforeAll(async () => {
  clearFailureScreenshots();
  suite = await startBrowserSuite();
  ({ h, web, browser } = suite);
});

afterAll(async () => {
  await suite?.close();
});

describe('the web application', () => {
  it('serves the app under /app/, Vietnamese by default, English on request and remembered', async () => {
    expect((await fetch(`${web.baseUrl}/`, { redirect: 'manual' })).headers.get('location')).toBe('/app/');
    // API paths keep their JSON answers.
    expect((await fetch(`${web.baseUrl}/no-such-route`)).status).toBe(404);
    expect(((await (await fetch(`${web.baseUrl}/healthz`)).json()) as { status: string }).status).toBe('ok');

    const context = await newContext(browser, web.baseUrl);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/app/');
    await page.waitForURL('**/app/login');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await expect(page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).resolves.toBe(true);
    await expectLabelled(page);
    await screenshot(page, 'common', 'login');

    // Nothing typed: the schema's errors beside each field, in Vietnamese.
    await page.getByLabel('Tên đăng nhập').press('Enter');
    await expect.poll(() => page.getByLabel('Tên đăng nhập').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').first().textContent()).toBe('Vui lòng nhập thông tin này');
    await expectLabelled(page);
    // A wrong password: the API's 401, shown in words.
    await page.getByLabel('Tên đăng nhập').fill('ld02');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu');

    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await expect.poll(() => page.getByLabel('Username').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByLabel('Username').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'common', 'login-en');
    await page.getByLabel('Language').selectOption('vi');
    await expect.poll(() => page.getByLabel('Tên đăng nhập').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('setting: a department head proposes an assignment of the official, a leader approves it (API)', async () => {
    month = nextMonth(dayOf(await serverNow()).slice(0, 7));
    effectiveFrom = `${month}-01`;
    const proposed = await api<AssignmentView>('POST', '/assignments', OFFICIALS_HEAD.username, {
      areaId: AREA.id,
      officialId: OFFICIAL.id,
      groupId: GROUP_ID,
      effectiveFrom,
      reason: 'Phân công đồng chí theo dõi địa bàn Thành phố Vinh',
    });
    assignmentId = proposed.assignmentId;
    const approved = await api<AssignmentView>('POST', `/assignments/${assignmentId}/approve`, 'ld03', {
      decision: { number: '15-QĐ/BTCTU', issuedOn: dayOf(await serverNow()), signerId: 'official-ld-03' },
    });
    expect(approved.state).toBe('scheduled');
    const other = await api<AssignmentView>('POST', '/assignments', DEPARTMENT_HEAD, {
      areaId: OTHER.areaId,
      officialId: OTHER.officialId,
      effectiveFrom,
      reason: 'Phân công theo dõi Thị xã Cửa Lò',
    });
    otherId = other.assignmentId;
    await api('POST', `/assignments/${otherId}/approve`, 'ld03', {
      decision: { number: '16-QĐ/BTCTU', issuedOn: dayOf(await serverNow()), signerId: 'official-ld-03' },
    });
  });
});

describe('scenario 2: an official files a late report and sees it marked late', () => {
  it("files the month's plan on time from the keyboard, errors beside the fields first", async () => {
    await h.sleepUntil(noonInVietnam(`${month}-02`));
    const cycle = h.client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month));
    await skipUntil(async () => !!(await cycle.describe()), 2, 'the first monthly cycle');

    await as(OFFICIAL.username, (page) => filePlanOnTime(page, { month }));
    const stored = await h.db.prisma.monthlyPlan.findUniqueOrThrow({
      where: { assignmentId_period: { assignmentId, period: month } },
    });
    expect(stored).toMatchObject({ late: false, place: 'Trụ sở Thành ủy Vinh', filedById: OFFICIAL.id });
    expect(stored.plannedFor?.toISOString().slice(0, 10)).toBe(`${month}-10`);
    expect(stored.content).toContain('phường Hưng Dũng');
  });

  it('files the report after its deadline and sees it marked late', async () => {
    const cycle = h.client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month));
    await h.sleepUntil(noonInVietnam(`${nextMonth(month)}-02`));
    // Past the report's deadline (3rd working day after the month), before it is closed as never filed.
    await skipUntil(
      async () => /report\.(overdue|escalated)/.test(JSON.stringify((await cycle.query(monthlyCycleStateQuery)).state)),
      20,
      'the report to be overdue',
    );

    await as(OFFICIAL.username, (page) => fileLateReport(page, { api, assignmentId, month }));
    const stored = await h.db.prisma.monthlyReport.findUniqueOrThrow({
      where: { assignmentId_period: { assignmentId, period: month } },
    });
    expect(stored.late).toBe(true);
  });
});

describe('the annual evaluation: the area committee, the group leader, a leader', () => {
  it("the area committee sends the annual evaluation of its area's official", async () => {
    year = Number(month.slice(0, 4)) + (effectiveFrom <= `${month.slice(0, 4)}-06-30` ? 0 : 1);
    const evaluation = h.client.workflow.getHandle(annualEvaluationWorkflowId(assignmentId, year));
    await h.sleepUntil(noonInVietnam(`${year}-12-02`));
    await skipUntil(
      async () =>
        !!(await evaluation.describe()) &&
        (await h.db.prisma.annualEvaluation.count({ where: { assignmentId, year } })) === 1,
      5,
      'the evaluation request',
    );

    await as('diaban-vinh', (page) => sendAreaEvaluation(page, { year }));
    const stored = await h.db.prisma.annualEvaluation.findUniqueOrThrow({
      where: { assignmentId_year: { assignmentId, year } },
    });
    expect(stored.receivedAt).not.toBeNull();
    expect(stored.shortcomings).toBe('Thời gian dành cho cơ sở chưa đủ một phần ba');
    expect(stored.groupLeaderAssessment).toBe('Trưởng nhóm sâu sát, dự đủ các cuộc họp của địa bàn');
  });

  it('the group leader proposes the rating from the keyboard, an error beside the choices first', async () => {
    // The leader of the official's group, as the records say.
    const leader = await h.db.prisma.user.findFirstOrThrow({
      where: { official: { memberships: { some: { groupId: GROUP_ID, isLeader: true, until: null } } } },
      select: { username: true, officialId: true },
    });
    await as(leader.username, (page) => proposeRating(page, { assignmentId, year }));
    const stored = await h.db.prisma.annualEvaluation.findUniqueOrThrow({
      where: { assignmentId_year: { assignmentId, year } },
    });
    expect(stored).toMatchObject({
      state: 'ratingProposed',
      proposedRating: 'GOOD',
      proposedById: leader.officialId,
      proposalNotes: 'Hoàn thành tốt nhiệm vụ; cần dành nhiều thời gian hơn cho cơ sở',
      rating: null,
    });
  });

  it('a leader finds it among the evaluations outstanding and rates it from the keyboard', async () => {
    await as(RATER.username, (page) => rateEvaluation(page, { h, serverNow, assignmentId, year }));
    const stored = await h.db.prisma.annualEvaluation.findUniqueOrThrow({
      where: { assignmentId_year: { assignmentId, year } },
    });
    expect(stored).toMatchObject({ state: 'rated', proposedRating: 'GOOD', rating: 'EXCELLENT', ratedById: RATER.id });
    expect(stored.ratedAt).not.toBeNull();
  });
});

describe('a complaint verified as well-founded (API)', () => {
  it('becomes a ground, and the workflow proposes the early reassignment for leadership to decide', async () => {
    const lodged = await api<{ complaintId: string }>('POST', '/complaints', DEPARTMENT_HEAD, {
      assignmentId: otherId,
      summary: COMPLAINT,
      source: 'Đơn thư',
      receivedOn: dayOf(Date.now()),
    });
    await api('POST', `/complaints/${lodged.complaintId}/verification/start`, 'cb014', {});
    await api('POST', `/complaints/${lodged.complaintId}/verification`, 'cb014', {
      outcome: 'WELL_FOUNDED',
      findings: 'Xác minh có cơ sở: đã can thiệp vào quy trình giới thiệu nhân sự',
    });
    const other = h.client.workflow.getHandle(assignmentWorkflowId(otherId));
    await skipUntil(
      async () => (await other.query(assignmentStateQuery)).pendingProposal?.kind === 'EARLY_REASSIGNMENT',
      3,
      'the early reassignment proposal',
    );
  });
});

describe('scenario 1: a leader logs in and approves a rotation', () => {
  it('three years on, a department head proposes the rotation (API)', async () => {
    const started = performance.now();
    await h.sleepUntil(startOfDay(addYears(effectiveFrom, 3)) + DAY / 2);
    await skipUntil(
      async () =>
        (await view()).state === 'active.rotationEligible' && (await view()).pendingProposal?.kind === 'ROTATION',
      5,
      'the third anniversary',
    );
    console.log(`three years of server time in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // The workflow opened the rotation itself (the system's proposal); leadership sends it back, and the department
    // head proposes it with the successor of their choice.
    expect((await view()).pendingProposal).toMatchObject({ kind: 'ROTATION', proposedBy: 'system' });
    await api('POST', `/assignments/${assignmentId}/reject`, 'ld04', {
      comment: 'Đề nghị phòng đề xuất cán bộ thay thế phù hợp',
    });
    const proposed = await api<AssignmentView>(
      'POST',
      `/assignments/${assignmentId}/propose`,
      OFFICIALS_HEAD.username,
      {
        proposal: {
          kind: 'ROTATION',
          successorOfficialId: SUCCESSOR.id,
          reason: 'Đồng chí đã theo dõi địa bàn đủ 3 năm; đề nghị luân chuyển theo Quy chế',
        },
      },
    );
    expect(proposed.pendingProposal).toMatchObject({
      kind: 'ROTATION',
      proposedBy: OFFICIALS_HEAD.id,
      successorOfficialId: SUCCESSOR.id,
    });
  }, 600_000);

  it('the leader sees the proposal with its evidence and approves it in one step from the keyboard', async () => {
    const today = await serverNow();
    await as('ld02', (page) => approveRotation(page, { today, year }));

    const record = await h.db.prisma.approvalRequest.findFirstOrThrow({
      where: { assignmentId, kind: 'ROTATION', status: 'APPROVED' },
      include: { decision: true },
    });
    expect(record.proposedById).toBe(OFFICIALS_HEAD.id);
    expect(record.decision).toMatchObject({
      decidedById: 'official-ld-02',
      comment: 'Đồng ý luân chuyển; bàn giao đầy đủ hồ sơ địa bàn.',
    });
    // The successor takes over on the decision's day; then the rotated assignment closes.
    await skipUntil(async () => (await view()).state === 'closed', 3, 'the handover');
    expect(await view()).toMatchObject({ closureReason: 'ROTATED', areaLeftUnmonitored: false });
  });
});

describe('scenario 3: an auditor replays a history', () => {
  it('finds the assignment, reads its timeline, replays it, downloads it and checks the audit chain', async () => {
    await as('cb014', (page) => replayHistory(page, { assignmentId }));
  });
});

describe('moving in: the administrator imports the assignments in force', () => {
  it('uploads a roster with one bad row, sees it named with its line, then imports the corrected file', async () => {
    const today = dayOf(await serverNow());
    await as('admin', (page) => importRoster(page, { today }));
  });
});
