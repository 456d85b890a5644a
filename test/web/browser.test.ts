/**
 * The web application in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the real
 * API, the real worker, the time-skipping Temporal server and a fresh seeded database. One assignment carries the
 * story, in server time: an official files a plan on time and a report late and sees it marked late, with the due
 * dates the API records; the area committee sends its annual evaluation, the group leader proposes the rating and a
 * leader rates it; three years on, a department head proposes the rotation and a leader approves it in the inbox; once
 * it has closed, the auditor replays its recorded history and checks the audit chain.
 * Fields are found by their labels, forms are submitted from the keyboard, and each page is screenshotted to
 * test-artifacts/screenshots/<scenario>-<page>.png.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentStateQuery, type AssignmentView } from '../../workflows/assignment.messages';
import { addYears, dayOf, nextMonth, startOfDay } from '../../machines/calendar';
import { annualEvaluationWorkflowId, assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { monthlyCycleStateQuery } from '../../workflows/monthly-cycle.messages';
import type { Months } from '../../web/src/months';
import { clearFailureScreenshots, launchBrowser, logIn, newContext, screenshot, startWebServer, unlabelledControls, vnDay, watchErrors, type WebServer } from '../support/browser';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

const DAY = 86_400_000;
const AREA = { id: 'area-na-vinh', name: 'Thành phố Vinh' };
const OFFICIAL = { username: 'cb003', id: 'official-cb-003', name: 'Đặng Minh Tuấn' };
/** The official's monitoring group in the seed; its leader proposes the annual rating (Đ7.B.4). */
const GROUP_ID = 'group-01';
/** The Board leader who rates the evaluation. */
const RATER = { username: 'ld03', id: 'official-ld-03' };
const DEPARTMENT_HEAD = 'cb011';
const SUCCESSOR = { id: 'official-cb-019', name: 'Võ Văn Tài' };
/** A second assignment, whose official a verified complaint is about. */
const OTHER = { areaId: 'area-na-cualo', areaName: 'Thị xã Cửa Lò', officialId: 'official-cb-012' };
const COMPLAINT = 'Đơn phản ánh cán bộ theo dõi địa bàn can thiệp vào công tác nhân sự của thị xã';

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

const tokens = new Map<string, string>();
async function api<T>(method: 'GET' | 'POST', path: string, username: string, body?: unknown): Promise<T> {
  let token = tokens.get(username);
  if (!token) {
    const login = await fetch(`${web.baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `DiaBan@${username}` }) });
    expect(login.status, await login.clone().text()).toBe(200);
    token = ((await login.json()) as { token: string }).token;
    tokens.set(username, token);
  }
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${path}: ${response.status} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

const serverNow = () => h.env.currentTimeMs();
const noonInVietnam = (day: string) => Date.parse(`${day}T05:00:00.000Z`);
const view = () => h.client.workflow.getHandle(assignmentWorkflowId(assignmentId)).query(assignmentStateQuery);

/** Skips server time a day at a time until `ready` holds (at most `days`). */
async function skipUntil(ready: () => Promise<boolean>, days: number, what: string): Promise<void> {
  for (let i = 0; i <= days; i += 1) {
    if (await ready().catch(() => false)) return;
    await h.sleepUntil((await serverNow()) + DAY);
  }
  throw new Error(`still waiting for ${what} after ${days} days of server time`);
}

/** A browser profile per person, each on its own page; closed at the end of their step. */
async function as<T>(username: string, fn: (page: Page, errors: string[]) => Promise<T>): Promise<T> {
  const context: BrowserContext = await newContext(browser, web.baseUrl);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, username);
    try {
      const result = await fn(page, errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
      return result;
    } catch (error) {
      await screenshot(page, 'failure', username).catch(() => {});
      throw error;
    }
  } finally {
    await context.close();
  }
}

async function expectLabelled(page: Page): Promise<void> {
  expect(await unlabelledControls(page)).toEqual([]);
}

beforeAll(async () => {
  clearFailureScreenshots();
  h = await startLifecycleHarness();
  [web, browser] = await Promise.all([startWebServer(h), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await h?.close();
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
    const proposed = await api<AssignmentView>('POST', '/assignments', DEPARTMENT_HEAD, {
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
    const other = await api<AssignmentView>('POST', '/assignments', DEPARTMENT_HEAD, { areaId: OTHER.areaId, officialId: OTHER.officialId, effectiveFrom, reason: 'Phân công theo dõi Thị xã Cửa Lò' });
    otherId = other.assignmentId;
    await api('POST', `/assignments/${otherId}/approve`, 'ld03', { decision: { number: '16-QĐ/BTCTU', issuedOn: dayOf(await serverNow()), signerId: 'official-ld-03' } });
  });
});

describe('scenario 2: an official files a late report and sees it marked late', () => {
  it('files the month\'s plan on time from the keyboard, errors beside the fields first', async () => {
    await h.sleepUntil(noonInVietnam(`${month}-02`));
    const cycle = h.client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month));
    await skipUntil(async () => !!(await cycle.describe()), 2, 'the first monthly cycle');

    await as(OFFICIAL.username, async (page) => {
      await page.waitForURL('**/app/my');
      await expect.poll(() => page.getByRole('heading', { name: AREA.name }).count()).toBe(1);
      const plan = page.getByRole('form', { name: 'Kế hoạch công tác tháng (đi báo việc)' });
      await expect.poll(() => plan.getByLabel('Tháng').inputValue()).toBe(month);
      await expectLabelled(page);
      await screenshot(page, 'official', 'my-areas');

      // Empty content: refused by the API's own schema before sending, the message beside the field.
      await plan.getByLabel('Địa điểm').fill('Trụ sở Thành ủy Vinh');
      await plan.getByLabel('Địa điểm').press('Enter');
      const content = plan.getByLabel('Nội dung kế hoạch (công việc, đối tượng làm việc)');
      await expect.poll(() => content.getAttribute('aria-invalid')).toBe('true');
      expect(await plan.locator('.field-error').first().textContent()).toBe('Vui lòng nhập thông tin này');
      // A day that is not dd/mm/yyyy is refused beside its field too.
      await plan.getByLabel('Ngày dự kiến đi cơ sở (dd/mm/yyyy)').fill('31/02/2027');
      await plan.getByLabel('Địa điểm').press('Enter');
      await expect.poll(() => plan.getByLabel('Ngày dự kiến đi cơ sở (dd/mm/yyyy)').getAttribute('aria-invalid')).toBe('true');
      await expectLabelled(page);
      await screenshot(page, 'official', 'plan-errors');

      await content.fill('Làm việc với Ban Thường vụ Thành ủy Vinh về công tác cán bộ; dự sinh hoạt chi bộ phường Hưng Dũng');
      await plan.getByLabel('Ngày dự kiến đi cơ sở (dd/mm/yyyy)').fill(`10/${month.slice(5)}/${month.slice(0, 4)}`);
      await plan.getByLabel('Địa điểm').press('Enter');
      await expect.poll(() => plan.getByRole('status').first().textContent()).toContain('Đã nộp đúng hạn');
    });
    const stored = await h.db.prisma.monthlyPlan.findUniqueOrThrow({ where: { assignmentId_period: { assignmentId, period: month } } });
    expect(stored).toMatchObject({ late: false, place: 'Trụ sở Thành ủy Vinh', filedById: OFFICIAL.id });
    expect(stored.content).toContain('phường Hưng Dũng');
  });

  it('files the report after its deadline and sees it marked late', async () => {
    const cycle = h.client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month));
    await h.sleepUntil(noonInVietnam(`${nextMonth(month)}-02`));
    // Past the report's deadline (3rd working day after the month), before it is closed as never filed.
    await skipUntil(async () => /report\.(overdue|escalated)/.test(JSON.stringify((await cycle.query(monthlyCycleStateQuery)).state)), 20, 'the report to be overdue');

    await as(OFFICIAL.username, async (page) => {
      await page.waitForURL('**/app/my');
      const report = page.getByRole('form', { name: 'Báo cáo tháng (về báo công)' });
      await expect.poll(() => report.getByLabel('Tháng').count()).toBe(1);
      await report.getByLabel('Tháng').selectOption(month);
      await report.getByLabel('Tình hình địa bàn').fill('Tình hình chính trị, trật tự an toàn xã hội ổn định; Đảng bộ thành phố chuẩn bị đại hội');
      await report.getByLabel('Kết quả chuyến công tác').fill('Đã dự hội nghị Ban Chấp hành Đảng bộ thành phố và làm việc với Ban Tổ chức Thành ủy');
      await report.getByLabel('Khó khăn, vướng mắc').fill('Lịch công tác của địa bàn thay đổi nhiều');
      // Multi-line fields submit with Ctrl+Enter.
      await report.getByLabel('Khó khăn, vướng mắc').press('Control+Enter');
      await expect.poll(() => report.getByRole('status').first().textContent()).toContain('Đã nộp muộn');
      expect(await report.getByRole('status').first().textContent()).toContain('MUỘN');
      // The timeline's recent entries say so too.
      await expect.poll(() => page.locator('details.recent').first().textContent()).toContain('Nộp báo cáo tháng (muộn)');
      // The month's table shows what the API records: each filing's state and its due date, dd/mm/yyyy in Vietnam.
      const recorded = await api<Months>('GET', `/assignments/${assignmentId}/months?from=${month}&to=${nextMonth(month)}`, OFFICIAL.username);
      const [current, first] = recorded.months;
      expect(current).toMatchObject({ period: nextMonth(month), plan: { deadline: 'OPEN', filedAt: null } });
      expect(first).toMatchObject({ period: month, plan: { deadline: 'MET', late: false }, report: { deadline: 'MISSED', late: true, escalationLevel: 1 } });
      const cells = (period: string) =>
        page.locator('table.months').getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${period.slice(5)}/${period.slice(0, 4)}` }) }).getByRole('cell');
      const [planCell, reportCell] = [cells(month).nth(0), cells(month).nth(1)];
      await expect.poll(() => reportCell.textContent()).toContain('Đã nộp muộn');
      expect(await reportCell.textContent()).toContain(`Hạn nộp: ${vnDay(Date.parse(first!.report.dueAt!))}`);
      expect(await reportCell.textContent()).toContain('Đã báo cáo Trưởng nhóm');
      expect(await planCell.textContent()).toContain('Đã nộp đúng hạn');
      expect(await planCell.textContent()).toContain(`Hạn nộp: ${vnDay(Date.parse(first!.plan.dueAt!))}`);
      // This month's plan is not due yet: its own due date, no inferred state.
      expect(await cells(nextMonth(month)).nth(0).textContent()).toContain('Chưa đến hạn');
      expect(await cells(nextMonth(month)).nth(0).textContent()).toContain(`Hạn nộp: ${vnDay(Date.parse(current!.plan.dueAt!))}`);
      await expectLabelled(page);
      await screenshot(page, 'official', 'late-report');

      // A reserved opinion on that report, kept on record (Đ6.4).
      await page.getByRole('link', { name: 'Ý kiến bảo lưu' }).click();
      await page.getByLabel('Về việc').selectOption('MonthlyReport');
      await page.getByLabel('Mã hồ sơ (phân công, đánh giá…)').fill(`${assignmentId}/${month}`);
      await page.getByLabel('Nội dung ý kiến bảo lưu').fill('Báo cáo nộp chậm do địa bàn dời lịch hội nghị; đề nghị ghi nhận lý do khách quan.');
      await page.getByRole('button', { name: 'Lưu ý kiến' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Đã lưu ý kiến bảo lưu');
      await expect.poll(() => page.getByRole('cell', { name: /dời lịch hội nghị/ }).count()).toBe(1);
      await expectLabelled(page);
      await screenshot(page, 'official', 'opinions');
    });
    const stored = await h.db.prisma.monthlyReport.findUniqueOrThrow({ where: { assignmentId_period: { assignmentId, period: month } } });
    expect(stored.late).toBe(true);
  });
});

describe('the annual evaluation: the area committee, the group leader, a leader', () => {
  it('the area committee sends the annual evaluation of its area\'s official', async () => {
    year = Number(month.slice(0, 4)) + (effectiveFrom <= `${month.slice(0, 4)}-06-30` ? 0 : 1);
    const evaluation = h.client.workflow.getHandle(annualEvaluationWorkflowId(assignmentId, year));
    await h.sleepUntil(noonInVietnam(`${year}-12-02`));
    await skipUntil(async () => !!(await evaluation.describe()) && (await h.db.prisma.annualEvaluation.count({ where: { assignmentId, year } })) === 1, 5, 'the evaluation request');

    await as('diaban-vinh', async (page) => {
      await page.waitForURL('**/app/evaluation');
      await expect.poll(() => page.getByText(OFFICIAL.name).count()).toBeGreaterThan(0);
      const form = page.getByRole('form', { name: 'Phiếu đánh giá hằng năm' });
      await form.getByRole('button', { name: 'Gửi phiếu đánh giá' }).click();
      await expect.poll(() => form.getByLabel('Tinh thần trách nhiệm').getAttribute('aria-invalid')).toBe('true');
      await form.getByLabel('Tinh thần trách nhiệm').fill('Có tinh thần trách nhiệm cao, sâu sát cơ sở');
      await form.getByLabel('Phương pháp làm việc').fill('Nắm chắc tình hình, tham mưu kịp thời');
      await form.getByLabel('Phối hợp công tác').fill('Phối hợp tốt với Ban Tổ chức Thành ủy');
      await form.getByLabel('Đóng góp cho địa bàn').fill('Góp ý xây dựng đề án nhân sự đại hội');
      await form.getByLabel('Hạn chế, khuyết điểm').fill('Thời gian dành cho cơ sở chưa đủ một phần ba');
      await expectLabelled(page);
      await form.getByRole('button', { name: 'Gửi phiếu đánh giá' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Đã gửi phiếu đánh giá năm ${year}`);
      await screenshot(page, 'committee', 'evaluation');
    });
    const stored = await h.db.prisma.annualEvaluation.findUniqueOrThrow({ where: { assignmentId_year: { assignmentId, year } } });
    expect(stored.receivedAt).not.toBeNull();
    expect(stored.shortcomings).toBe('Thời gian dành cho cơ sở chưa đủ một phần ba');
  });

  it('the group leader proposes the rating from the keyboard, an error beside the choices first', async () => {
    // The leader of the official's group, as the records say.
    const leader = await h.db.prisma.user.findFirstOrThrow({
      where: { official: { memberships: { some: { groupId: GROUP_ID, isLeader: true, until: null } } } },
      select: { username: true, officialId: true },
    });
    await as(leader.username, async (page) => {
      await page.getByRole('link', { name: 'Đánh giá, xếp loại' }).click();
      await page.waitForURL('**/app/evaluations');
      await page.getByRole('link', { name: `Đề xuất xếp loại: ${AREA.name} — ${year}` }).click();
      await page.waitForURL(`**/app/evaluations/${assignmentId}/${year}`);
      // The committee's evaluation, to weigh.
      await expect.poll(() => page.getByText('Thời gian dành cho cơ sở chưa đủ một phần ba').count()).toBe(1);
      const form = page.getByRole('form', { name: 'Đề xuất xếp loại' });
      const good = form.getByRole('radio', { name: 'Hoàn thành tốt nhiệm vụ', exact: true });
      // Enter with nothing chosen: the schema's error beside the choices, nothing sent.
      await good.focus();
      await good.press('Enter');
      await expect.poll(() => good.getAttribute('aria-invalid')).toBe('true');
      expect(await form.locator('.field-error').first().textContent()).toBe('Vui lòng chọn một giá trị trong danh sách');
      await expectLabelled(page);
      await screenshot(page, 'group-leader', 'proposal-errors');

      await form.getByLabel('Nhận xét, điểm cần lưu ý').fill('Hoàn thành tốt nhiệm vụ; cần dành nhiều thời gian hơn cho cơ sở');
      await good.check();
      await good.press('Enter');
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Đã gửi đề xuất xếp loại năm ${year}: Hoàn thành tốt nhiệm vụ.`);
      await expect.poll(() => page.getByRole('form', { name: 'Đề xuất xếp loại' }).count()).toBe(0);
      expect(await page.locator('dl.facts').first().textContent()).toContain('Chờ Lãnh đạo Ban xếp loại');
      await expectLabelled(page);
      await screenshot(page, 'group-leader', 'proposal');
    });
    const stored = await h.db.prisma.annualEvaluation.findUniqueOrThrow({ where: { assignmentId_year: { assignmentId, year } } });
    expect(stored).toMatchObject({
      state: 'ratingProposed',
      proposedRating: 'GOOD',
      proposedById: leader.officialId,
      proposalNotes: 'Hoàn thành tốt nhiệm vụ; cần dành nhiều thời gian hơn cho cơ sở',
      rating: null,
    });
  });

  it('a leader finds it among the evaluations outstanding and rates it from the keyboard', async () => {
    await as(RATER.username, async (page) => {
      await page.waitForURL('**/app/inbox');
      await page.getByRole('link', { name: 'Đánh giá, xếp loại' }).click();
      await page.waitForURL('**/app/evaluations');
      // Server time runs years ahead of the browser's clock: the list as of the server's day.
      const asOf = page.getByRole('textbox', { name: 'Tính đến ngày (dd/mm/yyyy)' });
      await asOf.fill(vnDay(await serverNow()));
      await asOf.press('Enter');
      await page.waitForURL('**/app/evaluations?asOf=*');
      const link = page.getByRole('link', { name: `Xếp loại: ${AREA.name} — ${year}` });
      await expect.poll(() => link.count()).toBe(1);
      expect(await page.getByRole('row').filter({ has: link }).textContent()).toContain('Chờ Lãnh đạo Ban xếp loại');
      await expectLabelled(page);
      await screenshot(page, 'leader', 'evaluations');
      await link.click();
      await page.waitForURL(`**/app/evaluations/${assignmentId}/${year}`);
      // The committee's evaluation and the group leader's proposal, with its notes.
      await expect.poll(() => page.getByText('cần dành nhiều thời gian hơn cho cơ sở').count()).toBe(1);
      expect(await page.getByText('Thời gian dành cho cơ sở chưa đủ một phần ba').count()).toBe(1);
      const form = page.getByRole('form', { name: 'Xếp loại', exact: true });
      expect(await form.locator('legend').textContent()).toContain('Mức xếp loại của Lãnh đạo Ban');
      expect(await form.getByRole('radio').count()).toBe(4);
      await expectLabelled(page);
      await screenshot(page, 'leader', 'rating-form');
      const excellent = form.getByRole('radio', { name: 'Hoàn thành xuất sắc nhiệm vụ', exact: true });
      await excellent.check();
      await excellent.press('Enter');
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Đã xếp loại năm ${year}: Hoàn thành xuất sắc nhiệm vụ.`);
      // The page reloads the record: the rating, who gave it, and no form left.
      await expect.poll(() => page.getByRole('form').count()).toBe(0);
      const rated = page.locator('section', { has: page.getByRole('heading', { name: 'Xếp loại của Lãnh đạo Ban' }) });
      expect(await rated.textContent()).toContain('Mức xếp loạiHoàn thành xuất sắc nhiệm vụ');
      expect(await rated.textContent()).toContain((await h.db.prisma.official.findUniqueOrThrow({ where: { id: RATER.id } })).fullName);
      expect(await page.locator('dl.facts').first().textContent()).toContain('Đã xếp loại');
      await screenshot(page, 'leader', 'rating');
    });
    const stored = await h.db.prisma.annualEvaluation.findUniqueOrThrow({ where: { assignmentId_year: { assignmentId, year } } });
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
    await api('POST', `/complaints/${lodged.complaintId}/verification`, 'cb014', { outcome: 'WELL_FOUNDED', findings: 'Xác minh có cơ sở: đã can thiệp vào quy trình giới thiệu nhân sự' });
    const other = h.client.workflow.getHandle(assignmentWorkflowId(otherId));
    await skipUntil(async () => (await other.query(assignmentStateQuery)).pendingProposal?.kind === 'EARLY_REASSIGNMENT', 3, 'the early reassignment proposal');
  });
});

describe('scenario 1: a leader logs in and approves a rotation', () => {
  it('three years on, a department head proposes the rotation (API)', async () => {
    const started = performance.now();
    await h.sleepUntil(startOfDay(addYears(effectiveFrom, 3)) + DAY / 2);
    await skipUntil(async () => (await view()).state === 'active.rotationEligible' && (await view()).pendingProposal?.kind === 'ROTATION', 5, 'the third anniversary');
    console.log(`three years of server time in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // The workflow opened the rotation itself (the system's proposal); leadership sends it back, and the department
    // head proposes it with the successor of their choice.
    expect((await view()).pendingProposal).toMatchObject({ kind: 'ROTATION', proposedBy: 'system' });
    await api('POST', `/assignments/${assignmentId}/reject`, 'ld04', { comment: 'Đề nghị phòng đề xuất cán bộ thay thế phù hợp' });
    const proposed = await api<AssignmentView>('POST', `/assignments/${assignmentId}/propose`, DEPARTMENT_HEAD, {
      proposal: { kind: 'ROTATION', successorOfficialId: SUCCESSOR.id, reason: 'Đồng chí đã theo dõi địa bàn đủ 3 năm; đề nghị luân chuyển theo Quy chế' },
    });
    expect(proposed.pendingProposal).toMatchObject({ kind: 'ROTATION', proposedBy: 'official-cb-011', successorOfficialId: SUCCESSOR.id });
  }, 600_000);

  it('the leader sees the proposal with its evidence and approves it in one step from the keyboard', async () => {
    const today = await serverNow();
    await as('ld02', async (page) => {
      await page.waitForURL('**/app/inbox');
      const card = page.locator('section', { has: page.getByRole('heading', { name: `Luân chuyển — ${AREA.name}` }) });
      await expect.poll(() => card.count()).toBe(1);
      const text = (await card.textContent()) ?? '';
      expect(text).toContain(OFFICIAL.name);
      expect(text).toContain('Phạm Văn Long'); // the proposer, cb011
      expect(text).toContain(SUCCESSOR.name);
      expect(text).toContain('Đồng chí đã theo dõi địa bàn đủ 3 năm');
      // The evidence: three years of deadlines missed (only the first month was filed), and the late report.
      expect(text).toMatch(/Thời hạn bị lỡ: \d+/);
      expect(text).toMatch(/Quá hạn báo cáo tháng ×\d+/);
      expect(text).toMatch(/Nộp muộn: 1 Nộp báo cáo tháng \(muộn\) ×1/);
      // The rating given in the browser is part of the evidence.
      expect(text).toContain(`Xếp loại hằng năm ${year}: Hoàn thành xuất sắc nhiệm vụ`);
      // The other proposal rests on the verified complaint: its summary and the verification are the evidence.
      const early = page.locator('section', { has: page.getByRole('heading', { name: `Điều chỉnh trước thời hạn — ${OTHER.areaName}` }) });
      expect(await early.textContent()).toContain(COMPLAINT);
      expect(await early.textContent()).toContain('xác minh có cơ sở ngày');
      expect(await early.textContent()).toContain('Hệ thống (tự động theo quy chế)');
      expect(await early.textContent()).toContain('Đơn thư đã được xác minh có cơ sở');
      await expectLabelled(page);
      await screenshot(page, 'leader', 'inbox');

      // Enter in an empty decision number: the schema's error beside the field, nothing sent.
      const form = card.getByRole('form');
      await form.getByLabel('Số quyết định').press('Enter');
      await expect.poll(() => form.getByLabel('Số quyết định').getAttribute('aria-invalid')).toBe('true');
      // Rejecting needs a reason: beside the comment.
      await form.getByRole('button', { name: 'Không phê duyệt' }).click();
      await expect.poll(() => form.getByLabel('Ý kiến').getAttribute('aria-invalid')).toBe('true');
      await expectLabelled(page);
      await screenshot(page, 'leader', 'inbox-errors');

      await form.getByLabel('Ngày ký (dd/mm/yyyy)').fill(vnDay(today));
      await form.getByLabel('Ý kiến').fill('Đồng ý luân chuyển; bàn giao đầy đủ hồ sơ địa bàn.');
      await form.getByLabel('Số quyết định').fill('212-QĐ/BTCTU');
      await form.getByLabel('Số quyết định').press('Enter');
      await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 }).toContain(`Đã phê duyệt đề xuất luân chuyển — ${AREA.name}`);
      await expect.poll(() => page.locator('section', { has: page.getByRole('heading', { name: `Luân chuyển — ${AREA.name}` }) }).count()).toBe(0);
      await screenshot(page, 'leader', 'inbox-approved');

      const asOf = dayOf(today);
      await page.goto(`/app/dashboard?asOf=${asOf}`);
      await expect.poll(() => page.getByRole('cell', { name: AREA.name }).count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByRole('heading', { name: /Số liệu chung — / }).count()).toBe(1);
      await expectLabelled(page);
      await screenshot(page, 'leader', 'dashboard');
      await page.goto(`/app/chart?asOf=${asOf}`);
      await expect.poll(() => page.locator('svg[role="img"] .term').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('svg[role="img"] .mark-3').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('svg[role="img"] .mark-5').count()).toBeGreaterThanOrEqual(1);
      await expectLabelled(page);
      await screenshot(page, 'leader', 'chart');
    });

    const record = await h.db.prisma.approvalRequest.findFirstOrThrow({ where: { assignmentId, kind: 'ROTATION', status: 'APPROVED' }, include: { decision: true } });
    expect(record.proposedById).toBe('official-cb-011');
    expect(record.decision).toMatchObject({ decidedById: 'official-ld-02', comment: 'Đồng ý luân chuyển; bàn giao đầy đủ hồ sơ địa bàn.' });
    // The successor takes over on the decision's day; then the rotated assignment closes.
    await skipUntil(async () => (await view()).state === 'closed', 3, 'the handover');
    expect(await view()).toMatchObject({ closureReason: 'ROTATED', areaLeftUnmonitored: false });
  });
});

describe('scenario 3: an auditor replays a history', () => {
  it('finds the assignment, reads its timeline, replays it, downloads it and checks the audit chain', async () => {
    await as('cb014', async (page) => {
      await page.waitForURL('**/app/audit');
      await page.getByLabel('Từ khóa (tên địa bàn, cán bộ, số quyết định)').fill('Vinh');
      await page.getByLabel('Từ khóa (tên địa bàn, cán bộ, số quyết định)').press('Enter');
      await page.waitForURL('**/app/audit?q=Vinh');
      await page.getByRole('link', { name: `Diễn biến: ${AREA.name} — ${OFFICIAL.name}` }).click();
      await page.waitForURL(`**/app/audit?q=Vinh&id=${assignmentId}`);
      await expect.poll(() => page.getByRole('cell', { name: 'Nộp báo cáo tháng (muộn)' }).count()).toBe(1);
      // Who proposed, who decided, under which decision: the system's proposal, its rejection, the new proposal, the approval.
      expect(await page.getByRole('cell', { name: 'Không phê duyệt luân chuyển', exact: true }).count()).toBe(1);
      expect(await page.getByRole('cell', { name: 'Đề xuất luân chuyển', exact: true }).count()).toBe(2);
      const approval = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Phê duyệt luân chuyển', exact: true }) });
      expect(await approval.textContent()).toContain('Trần Thị Hồng Minh');
      expect(await approval.textContent()).toContain('212-QĐ/BTCTU');
      expect(await page.getByRole('cell', { name: 'Kết thúc phân công theo dõi địa bàn', exact: true }).count()).toBe(1);
      await expectLabelled(page);
      await screenshot(page, 'auditor', 'timeline', { fullPage: false });
      // The story without the monthly routine: proposals, decisions, start and end.
      await page.getByLabel('Lọc diễn biến').selectOption('decisions');
      await expect.poll(() => page.getByRole('cell', { name: 'Mở thời hạn báo cáo tháng', exact: true }).count()).toBe(0);
      expect(await page.getByRole('cell', { name: 'Phê duyệt luân chuyển', exact: true }).count()).toBe(1);
      await screenshot(page, 'auditor', 'timeline-decisions');

      await page.getByRole('button', { name: 'Chạy lại lịch sử (replay)' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 90_000 }).toMatch(/Chạy lại thành công: \d+ lịch sử, 0 lỗi/);
      const verdicts = page.getByRole('table', { name: 'Chạy lại lịch sử' }).getByRole('row');
      expect(await verdicts.count()).toBeGreaterThan(3);
      expect(await page.getByText('Không khớp').count()).toBe(0);
      await screenshot(page, 'auditor', 'replay', { fullPage: false });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải lịch sử (JSON)' }).click()]);
      const history = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { assignmentId: string; runs: { workflowId: string }[] };
      expect(history.assignmentId).toBe(assignmentId);
      expect(history.runs.map((r) => r.workflowId)).toContain(assignmentWorkflowId(assignmentId));

      await page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
      await expect.poll(() => page.getByText(/Chuỗi nhật ký nguyên vẹn: \d+ bản ghi/).count()).toBe(1);
      await screenshot(page, 'auditor', 'audit', { fullPage: false });

      // The assignment's own page: its state, dates, how it ended and its successor.
      await page.getByRole('link', { name: 'Xem', exact: true }).click();
      await page.waitForURL(`**/app/assignments/${assignmentId}`);
      await expect.poll(() => page.getByRole('heading', { name: `Phân công — ${OFFICIAL.name}` }).count()).toBe(1);
      expect(await page.locator('dl.facts').textContent()).toContain('Luân chuyển');
      await expectLabelled(page);
      await screenshot(page, 'auditor', 'assignment', { fullPage: false });
    });
  });
});
