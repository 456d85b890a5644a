/**
 * The 'Cuộc họp' page in headless Chromium against the real API, worker, time-skipping Temporal server and a fresh
 * seeded database: an official records an area's invitation (errors beside the fields first), asks the
 * leader in charge, who approves it from the approval inbox; after the meeting (server time) the official files the
 * meeting report. Fields are found by their labels, forms are submitted from the keyboard, and each page is
 * screenshotted to test-artifacts/screenshots/meetings-<page>.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf, startOfDay, WorkingCalendar } from '../../machines/calendar';
import {
  type BrowserSuite,
  clearFailureScreenshots,
  logIn,
  newContext,
  screenshot,
  startBrowserSuite,
  unlabelledControls,
  watchErrors,
  type WebServer,
} from '../support/browser';
import { startActiveAssignment } from '../support/assignments';
import { asOfficial } from '../support/confidential-reads';
import type { LifecycleHarness } from '../support/lifecycle-harness';

const HOUR_MS = 60 * 60 * 1000;
let h: LifecycleHarness;
let web: WebServer;
let browser: Browser;
let suite: BrowserSuite | undefined;

beforeAll(async () => {
  clearFailureScreenshots();
  suite = await startBrowserSuite();
  ({ h, web, browser } = suite);
});
afterAll(async () => {
  await suite?.close();
});

const expectLabelled = async (page: Page) => expect(await unlabelledControls(page)).toEqual([]);
/** 'YYYY-MM-DDTHH:mm' of an instant in Vietnam, as a datetime-local field takes it. */
const localInput = (instant: number) => new Date(instant + 7 * HOUR_MS).toISOString().slice(0, 16);

describe("the 'Cuộc họp' page", () => {
  it('an official records an invitation and asks; the leader in charge approves from the inbox; the official reports', async () => {
    await startActiveAssignment(h, {
      assignmentId: 'meetings-browser',
      areaId: 'area-na-cualo', // leader in charge: ld02
      official: asOfficial('cb-003'),
      proposedBy: h.people.departmentHead,
      groupId: 'group-01',
    });
    // Three working days after the server's day (a quiet morning whatever day this runs: test-clock.ts), 09:00.
    const startsAt =
      startOfDay(new WorkingCalendar([]).addWorkingDays(dayOf(await h.env.currentTimeMs()), 3)) + 9 * HOUR_MS;

    const official = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(official);
    await logIn(official, 'cb003');
    await official.getByRole('link', { name: 'Cuộc họp' }).click();
    await official.waitForURL('**/app/meetings');
    await expect.poll(() => official.getByLabel('Địa điểm').count()).toBe(1);
    await expectLabelled(official);
    // Nothing typed: the errors beside the fields.
    await official.getByLabel('Địa điểm').press('Enter');
    await expect.poll(() => official.getByLabel('Địa điểm').getAttribute('aria-invalid')).toBe('true');
    expect(await official.getByLabel('Thời gian (giờ Việt Nam)').getAttribute('aria-invalid')).toBe('true');
    await expectLabelled(official);
    await screenshot(official, 'meetings', 'invitation-errors');

    await official.getByLabel('Địa bàn').selectOption({ label: 'Thị xã Cửa Lò' });
    await official.getByLabel('Cuộc họp của').selectOption({ label: 'Ban Thường vụ' });
    await official.getByLabel('Thời gian (giờ Việt Nam)').fill(localInput(startsAt));
    await official.getByLabel('Nội dung').fill('Quy trình giới thiệu nhân sự bổ nhiệm');
    await official.getByLabel('Giấy mời gửi đích danh tôi', { exact: false }).check();
    await official.getByLabel('Địa điểm').fill('Hội trường Thị ủy Cửa Lò');
    await official.getByLabel('Địa điểm').press('Enter');
    await expect.poll(() => official.getByText('Đã ghi nhận giấy mời.').count()).toBe(1);
    const row = await h.db.prisma.meeting.findFirstOrThrow({ where: { assignmentId: 'meetings-browser' } });
    expect(row).toMatchObject({ invitedId: 'official-cb-003', body: 'BTV', startsAt: new Date(startsAt) });

    await official.getByRole('button', { name: /^Xem: Thị xã Cửa Lò/ }).click();
    await official.getByRole('button', { name: 'Xin ý kiến lãnh đạo phụ trách' }).click();
    await expect.poll(() => official.locator('#meeting-detail').textContent()).toContain('Chờ lãnh đạo cho ý kiến');
    await screenshot(official, 'meetings', 'official-asked');

    const leader = await (await newContext(browser, web.baseUrl)).newPage();
    const leaderErrors = watchErrors(leader);
    await logIn(leader, 'ld02');
    await leader.goto('/app/inbox');
    const requests = leader.locator('#meeting-requests');
    await expect.poll(() => requests.textContent()).toContain('Thị xã Cửa Lò');
    await expectLabelled(leader);
    await screenshot(leader, 'meetings', 'leader-inbox');
    await requests.getByLabel('Ý kiến — Thị xã Cửa Lò').fill('Đồng ý, ghi chép đầy đủ');
    await requests.getByRole('button', { name: 'Đồng ý cho dự' }).click();
    await expect.poll(() => requests.textContent()).toContain('Không có yêu cầu nào chờ ý kiến.');
    await expect
      .poll(async () => (await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: row.id } })).approved)
      .toBe(true);
    expect(leaderErrors).toEqual([]);

    // After the meeting (server time), the report (Đ7.A.5).
    await h.sleepUntil(startsAt + 2 * HOUR_MS);
    await expect
      .poll(async () => (await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: row.id } })).state)
      .toBe('reportDue.inTime');
    await official.reload();
    await official.getByRole('button', { name: /^Xem: Thị xã Cửa Lò/ }).click();
    await official.getByLabel('Ghi chép nội dung cuộc họp').fill('Hội nghị thảo luận quy trình; ghi chép đầy đủ');
    await official.getByLabel('Ý kiến đã phát biểu').fill('Đề nghị công khai tiêu chuẩn');
    await official.getByLabel('Thông tin về nhân sự (mật)').fill('Nhận xét về nhân sự');
    await expectLabelled(official);
    await screenshot(official, 'meetings', 'official-report');
    await official.getByRole('button', { name: 'Gửi báo cáo' }).press('Enter');
    await expect.poll(() => official.locator('#meeting-detail').textContent()).toContain('Đã báo cáo');
    const reported = await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: row.id }, include: { report: true } });
    expect(reported.state).toBe('reported');
    expect(reported.report).toMatchObject({ late: false, personnelNotes: 'Nhận xét về nhân sự' });

    await official.getByLabel('Ngôn ngữ').selectOption('en');
    await expect
      .poll(() => official.getByRole('heading', { name: 'Meetings', exact: true }).count())
      .toBeGreaterThan(0);
    await screenshot(official, 'meetings', 'page-en');
    expect(errors).toEqual([]);
  });

  it("Đ7.B.2: the group leader records the group's session; the dashboard shows it, and the time in the field", async () => {
    const page = await (await newContext(browser, web.baseUrl)).newPage();
    const errors = watchErrors(page);
    await logIn(page, 'cb001'); // leader of group-01
    await page.getByRole('link', { name: 'Sinh hoạt nhóm' }).click();
    await page.waitForURL('**/app/group-sessions');
    await expect.poll(() => page.getByLabel('Kết luận').count()).toBe(1);
    // Nothing ticked or written: the errors beside the fields.
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).press('Enter');
    await expect.poll(() => page.getByLabel('Kết luận').getAttribute('aria-invalid')).toBe('true');
    await expectLabelled(page);
    await page.getByLabel('Đặng Minh Tuấn').check();
    await page.getByLabel('Phan Văn Hùng').check();
    await page.getByLabel('Vấn đề các địa bàn đặt ra').fill('Kiến nghị của Thị ủy Cửa Lò về quy trình nhân sự');
    await page.getByLabel('Kết luận').fill('Thống nhất hướng dẫn; báo cáo Lãnh đạo Ban');
    await page.getByLabel('Giao việc cho').selectOption({ label: 'Đặng Minh Tuấn' });
    await page.getByLabel('Công việc').fill('Dự thảo hướng dẫn');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).press('Enter');
    await expect.poll(() => page.getByText('Đã ghi nhận buổi sinh hoạt.').count()).toBe(1);
    expect(await h.db.prisma.groupSession.count({ where: { groupId: 'group-01' } })).toBe(1);
    await screenshot(page, 'meetings', 'group-sessions');
    expect(errors).toEqual([]);

    const leader = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(leader, 'ld01');
    await leader.goto('/app/dashboard');
    await expect.poll(() => leader.getByRole('heading', { name: 'Sinh hoạt nhóm trong quý' }).count()).toBe(1);
    await expect.poll(() => leader.getByRole('heading', { name: 'Thời gian đi cơ sở' }).count()).toBe(1);
    await screenshot(leader, 'meetings', 'dashboard');
  });
});
