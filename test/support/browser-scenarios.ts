/**
 * The pages of test/web/browser.test.ts, one function per person's step, each on the page of a browser profile
 * logged in as that person (storyDriver's `as`, test/support/browser-story.ts): fields found by their labels, forms
 * submitted from the keyboard, each page checked for unlabelled controls and screenshotted.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { dayOf, nextMonth } from '../../machines/calendar';
import type { Months } from '../../web/src/months';
import { assignmentWorkflowId } from '../../workflows/ids';
import { screenshot, vnDay } from './browser';
import {
  AREA,
  COMPLAINT,
  expectLabelled,
  OFFICIAL,
  OFFICIALS_HEAD,
  OTHER,
  RATER,
  type StoryApi,
  SUCCESSOR,
} from './browser-story';
import type { LifecycleHarness } from './lifecycle-harness';

/**
 * The official files the month's plan on their home page: an empty content and a malformed day refused beside their
 * fields, a day outside the plan's month too (Đ8.1: content, time and place, all required), then filed on time.
 */
export async function filePlanOnTime(page: Page, { month }: { month: string }): Promise<void> {
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
  await expect
    .poll(() => plan.getByLabel('Ngày dự kiến đi cơ sở (dd/mm/yyyy)').getAttribute('aria-invalid'))
    .toBe('true');
  // The day and the place are required, and the day lies in the plan's month: the API's own check, in Vietnamese.
  expect(await plan.getByLabel('Ngày dự kiến đi cơ sở (dd/mm/yyyy)').getAttribute('aria-required')).toBe('true');
  expect(await plan.getByLabel('Địa điểm').getAttribute('aria-required')).toBe('true');
  const after = nextMonth(month);
  await plan.getByLabel('Ngày dự kiến đi cơ sở (dd/mm/yyyy)').fill(`01/${after.slice(5)}/${after.slice(0, 4)}`);
  await plan.getByLabel('Địa điểm').press('Enter');
  await expect.poll(() => plan.getByText('Ngày đi cơ sở phải thuộc tháng của kế hoạch').count()).toBeGreaterThan(0);
  await expectLabelled(page);
  await screenshot(page, 'official', 'plan-errors');

  await content.fill(
    'Làm việc với Ban Thường vụ Thành ủy Vinh về công tác cán bộ; dự sinh hoạt chi bộ phường Hưng Dũng',
  );
  await plan.getByLabel('Ngày dự kiến đi cơ sở (dd/mm/yyyy)').fill(`10/${month.slice(5)}/${month.slice(0, 4)}`);
  await plan.getByLabel('Địa điểm').press('Enter');
  await expect.poll(() => plan.getByRole('status').first().textContent()).toContain('Đã nộp đúng hạn');
}

/**
 * The official files the month's report late, sees it marked late in the form, the timeline and the month's table
 * (checked against the API's months), and keeps a reserved opinion on it.
 */
export async function fileLateReport(
  page: Page,
  { api, assignmentId, month }: { api: StoryApi; assignmentId: string; month: string },
): Promise<void> {
  await page.waitForURL('**/app/my');
  const report = page.getByRole('form', { name: 'Báo cáo tháng (về báo công)' });
  await expect.poll(() => report.getByLabel('Tháng').count()).toBe(1);
  await report.getByLabel('Tháng').selectOption(month);
  await report
    .getByLabel('Tình hình địa bàn')
    .fill('Tình hình chính trị, trật tự an toàn xã hội ổn định; Đảng bộ thành phố chuẩn bị đại hội');
  await report
    .getByLabel('Kết quả chuyến công tác')
    .fill('Đã dự hội nghị Ban Chấp hành Đảng bộ thành phố và làm việc với Ban Tổ chức Thành ủy');
  await report.getByLabel('Khó khăn, vướng mắc').fill('Lịch công tác của địa bàn thay đổi nhiều');
  // Multi-line fields submit with Ctrl+Enter.
  await report.getByLabel('Khó khăn, vướng mắc').press('Control+Enter');
  await expect.poll(() => report.getByRole('status').first().textContent()).toContain('Đã nộp muộn');
  expect(await report.getByRole('status').first().textContent()).toContain('MUỘN');
  // The timeline's recent entries say so too.
  await expect.poll(() => page.locator('details.recent').first().textContent()).toContain('Nộp báo cáo tháng (muộn)');
  // The month's table shows what the API records: each filing's state and its due date, dd/mm/yyyy in Vietnam.
  const recorded = await api<Months>(
    'GET',
    `/assignments/${assignmentId}/months?from=${month}&to=${nextMonth(month)}`,
    OFFICIAL.username,
  );
  const [current, first] = recorded.months;
  expect(current).toMatchObject({ period: nextMonth(month), plan: { deadline: 'OPEN', filedAt: null } });
  expect(first).toMatchObject({
    period: month,
    plan: { deadline: 'MET', late: false, plannedFor: `${month}-10`, place: 'Trụ sở Thành ủy Vinh' },
    report: { deadline: 'MISSED', late: true, escalationLevel: 1 },
  });
  const cells = (period: string) =>
    page
      .locator('table.months')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: `${period.slice(5)}/${period.slice(0, 4)}` }) })
      .getByRole('cell');
  const [planCell, reportCell] = [cells(month).nth(0), cells(month).nth(1)];
  await expect.poll(() => reportCell.textContent()).toContain('Đã nộp muộn');
  expect(await reportCell.textContent()).toContain(`Hạn nộp: ${vnDay(Date.parse(first!.report.dueAt!))}`);
  expect(await reportCell.textContent()).toContain('Đã báo cáo Trưởng nhóm');
  expect(await planCell.textContent()).toContain('Đã nộp đúng hạn');
  // The plan's field trip as filed (Đ8.1): its day and place.
  expect(await planCell.textContent()).toContain(
    `Đi cơ sở ngày 10/${month.slice(5)}/${month.slice(0, 4)} tại Trụ sở Thành ủy Vinh`,
  );
  expect(await planCell.textContent()).toContain(`Hạn nộp: ${vnDay(Date.parse(first!.plan.dueAt!))}`);
  // This month's plan is not due yet: its own due date, no inferred state.
  expect(await cells(nextMonth(month)).nth(0).textContent()).toContain('Chưa đến hạn');
  expect(await cells(nextMonth(month)).nth(0).textContent()).toContain(
    `Hạn nộp: ${vnDay(Date.parse(current!.plan.dueAt!))}`,
  );
  await expectLabelled(page);
  await screenshot(page, 'official', 'late-report');

  // A reserved opinion on that report, kept on record (Đ6.4).
  await page.getByRole('link', { name: 'Ý kiến bảo lưu' }).click();
  await page.getByLabel('Về việc').selectOption('MonthlyReport');
  await page.getByLabel('Mã hồ sơ (phân công, đánh giá…)').fill(`${assignmentId}/${month}`);
  await page
    .getByLabel('Nội dung ý kiến bảo lưu')
    .fill('Báo cáo nộp chậm do địa bàn dời lịch hội nghị; đề nghị ghi nhận lý do khách quan.');
  await page.getByRole('button', { name: 'Lưu ý kiến' }).click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Đã lưu ý kiến bảo lưu');
  await expect.poll(() => page.getByRole('cell', { name: /dời lịch hội nghị/ }).count()).toBe(1);
  await expectLabelled(page);
  await screenshot(page, 'official', 'opinions');
}

/** The area committee sends the annual evaluation of its area's official, an empty field refused first. */
export async function sendAreaEvaluation(page: Page, { year }: { year: number }): Promise<void> {
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
  // Đ9.5: the group "and especially its leader".
  await form.getByLabel(/^Đánh giá đối với trưởng nhóm/).fill('Trưởng nhóm sâu sát, dự đủ các cuộc họp của địa bàn');
  await expectLabelled(page);
  await form.getByRole('button', { name: 'Gửi phiếu đánh giá' }).click();
  await expect
    .poll(() => page.getByRole('status').first().textContent())
    .toContain(`Đã gửi phiếu đánh giá năm ${year}`);
  await screenshot(page, 'committee', 'evaluation');
}

/** The group leader proposes the rating from the keyboard, an error beside the choices first. */
export async function proposeRating(
  page: Page,
  { assignmentId, year }: { assignmentId: string; year: number },
): Promise<void> {
  await page.getByRole('link', { name: 'Đánh giá, xếp loại' }).click();
  await page.waitForURL('**/app/evaluations');
  await page.getByRole('link', { name: `Đề xuất xếp loại: ${AREA.name} — ${year}` }).click();
  await page.waitForURL(`**/app/evaluations/${assignmentId}/${year}`);
  // The committee's evaluation, to weigh.
  await expect.poll(() => page.getByText('Thời gian dành cho cơ sở chưa đủ một phần ba').count()).toBe(1);
  await expect.poll(() => page.getByText('Trưởng nhóm sâu sát, dự đủ các cuộc họp của địa bàn').count()).toBe(1);
  const form = page.getByRole('form', { name: 'Đề xuất xếp loại' });
  const good = form.getByRole('radio', { name: 'Hoàn thành tốt nhiệm vụ', exact: true });
  // Enter with nothing chosen: the schema's error beside the choices, nothing sent.
  await good.focus();
  await good.press('Enter');
  await expect.poll(() => good.getAttribute('aria-invalid')).toBe('true');
  expect(await form.locator('.field-error').first().textContent()).toBe('Vui lòng chọn một giá trị trong danh sách');
  await expectLabelled(page);
  await screenshot(page, 'group-leader', 'proposal-errors');

  await form
    .getByLabel('Nhận xét, điểm cần lưu ý')
    .fill('Hoàn thành tốt nhiệm vụ; cần dành nhiều thời gian hơn cho cơ sở');
  await good.check();
  await good.press('Enter');
  await expect
    .poll(() => page.getByRole('status').first().textContent())
    .toContain(`Đã gửi đề xuất xếp loại năm ${year}: Hoàn thành tốt nhiệm vụ.`);
  await expect.poll(() => page.getByRole('form', { name: 'Đề xuất xếp loại' }).count()).toBe(0);
  expect(await page.locator('dl.facts').first().textContent()).toContain('Chờ Lãnh đạo Ban xếp loại');
  await expectLabelled(page);
  await screenshot(page, 'group-leader', 'proposal');
}

/** A leader finds the evaluation among those outstanding (as of the server's day) and rates it from the keyboard. */
export async function rateEvaluation(
  page: Page,
  {
    h,
    serverNow,
    assignmentId,
    year,
  }: { h: LifecycleHarness; serverNow: () => Promise<number>; assignmentId: string; year: number },
): Promise<void> {
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
  await expect
    .poll(() => page.getByRole('status').first().textContent())
    .toContain(`Đã xếp loại năm ${year}: Hoàn thành xuất sắc nhiệm vụ.`);
  // The page reloads the record: the rating, who gave it, and no form left.
  await expect.poll(() => page.getByRole('form').count()).toBe(0);
  const rated = page.locator('section', { has: page.getByRole('heading', { name: 'Xếp loại của Lãnh đạo Ban' }) });
  expect(await rated.textContent()).toContain('Mức xếp loạiHoàn thành xuất sắc nhiệm vụ');
  expect(await rated.textContent()).toContain(
    (await h.db.prisma.official.findUniqueOrThrow({ where: { id: RATER.id } })).fullName,
  );
  expect(await page.locator('dl.facts').first().textContent()).toContain('Đã xếp loại');
  await screenshot(page, 'leader', 'rating');
}

/**
 * A leader sees the rotation proposal with its evidence (and the early reassignment's), is refused an empty decision
 * and a reasonless rejection, approves it from the keyboard, then opens the dashboard and the chart.
 */
export async function approveRotation(page: Page, { today, year }: { today: number; year: number }): Promise<void> {
  await page.waitForURL('**/app/inbox');
  const card = page.locator('section', { has: page.getByRole('heading', { name: `Luân chuyển — ${AREA.name}` }) });
  await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1); // the inbox loads each proposal's evidence first
  const text = (await card.textContent()) ?? '';
  expect(text).toContain(OFFICIAL.name);
  expect(text).toContain(OFFICIALS_HEAD.name); // the proposer
  expect(text).toContain(SUCCESSOR.name);
  expect(text).toContain('Đồng chí đã theo dõi địa bàn đủ 3 năm');
  // The evidence: three years of deadlines missed (only the first month was filed), and the late report.
  expect(text).toMatch(/Thời hạn bị lỡ: \d+/);
  expect(text).toMatch(/Quá hạn báo cáo tháng ×\d+/);
  expect(text).toMatch(/Nộp muộn: 1 Nộp báo cáo tháng \(muộn\) ×1/);
  // The rating given in the browser is part of the evidence.
  expect(text).toContain(`Xếp loại hằng năm ${year}: Hoàn thành xuất sắc nhiệm vụ`);
  // The other proposal rests on the verified complaint: its summary and the verification are the evidence.
  const early = page.locator('section', {
    has: page.getByRole('heading', { name: `Điều chỉnh trước thời hạn — ${OTHER.areaName}` }),
  });
  expect(await early.textContent()).toContain(COMPLAINT);
  expect(await early.textContent()).toContain('xác minh có cơ sở ngày');
  expect(await early.textContent()).toContain('Hệ thống (tự động theo quy chế)');
  expect(await early.textContent()).toContain('Đơn thư đã được xác minh có cơ sở');
  await expectLabelled(page);
  await screenshot(page, 'leader', 'inbox');

  // The form offers the register's next free number; emptied, Enter shows the schema's error beside it, nothing sent.
  const form = card.getByRole('form');
  await expect.poll(() => form.getByLabel('Số quyết định').inputValue()).toMatch(/^\d+-QĐ\/BTCTU$/);
  await form.getByLabel('Số quyết định').fill('');
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
  await expect
    .poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 })
    .toContain(`Đã phê duyệt đề xuất luân chuyển — ${AREA.name}`);
  await expect
    .poll(() =>
      page.locator('section', { has: page.getByRole('heading', { name: `Luân chuyển — ${AREA.name}` }) }).count(),
    )
    .toBe(0);
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
}

/**
 * The auditor finds the assignment, reads and filters its timeline, replays and downloads its history, checks the audit
 * chain and opens the assignment.
 */
export async function replayHistory(page: Page, { assignmentId }: { assignmentId: string }): Promise<void> {
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
  const approval = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Phê duyệt luân chuyển', exact: true }) });
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
  await expect
    .poll(() => page.getByRole('status').first().textContent(), { timeout: 90_000 })
    .toMatch(/Chạy lại thành công: \d+ lịch sử, 0 lỗi/);
  const verdicts = page.getByRole('table', { name: 'Chạy lại lịch sử' }).getByRole('row');
  expect(await verdicts.count()).toBeGreaterThan(3);
  expect(await page.getByText('Không khớp').count()).toBe(0);
  await screenshot(page, 'auditor', 'replay', { fullPage: false });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải lịch sử (JSON)' }).click(),
  ]);
  const history = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    assignmentId: string;
    runs: { workflowId: string }[];
  };
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
}

/**
 * Moving in: the administrator uploads a roster of assignments in force from their page; a file
 * with one bad row is refused whole, the row named with its line and reason; corrected, it is imported.
 */
export async function importRoster(page: Page, { today }: { today: string }): Promise<void> {
  await page.waitForURL('**/app/home');
  await page.getByRole('link', { name: 'Nhập phân công đang có hiệu lực' }).click();
  await page.waitForURL('**/app/import');
  await expectLabelled(page);
  const start = `${Number(today.slice(0, 4)) - 4}${today.slice(4, 8)}01`;
  const header = 'area,official,start,decision_number,decision_date,signer,group,leader';
  const good = `NA-KBNN,CB-027,${start},41-QĐ/BTCTU/WEB,${start},LD-02,,`;
  const upload = (rows: string[]) =>
    page.getByLabel('Tệp danh sách phân công (Excel .xlsx hoặc CSV)').setInputFiles({
      name: 'danh-sach.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\n')),
    });
  await upload([good, `NA-TINHDOAN,CB-999,${start},42-QĐ/BTCTU/WEB,${start},LD-02,,`]);
  await page.getByRole('button', { name: 'Nhập', exact: true }).click();
  await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Không nhập gì');
  const bad = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'UNKNOWN_OFFICIAL' }) });
  expect(await bad.getByRole('cell').first().textContent()).toBe('3');
  expect(await page.getByRole('cell', { name: 'UNKNOWN_OFFICIAL' }).count()).toBe(1);
  await expectLabelled(page);
  await screenshot(page, 'admin', 'import-refused');

  await upload([good]);
  await page.getByRole('button', { name: 'Nhập', exact: true }).click();
  await expect
    .poll(() => page.getByRole('status').first().textContent())
    .toContain('Đã nhập 1 phân công từ danh-sach.csv');
  await screenshot(page, 'admin', 'import-done');
}
