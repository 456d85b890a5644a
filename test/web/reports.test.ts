/**
 * The province's reports in headless Chromium against the real API, worker, time-skipping server and a fresh seeded
 * database: the official sends an ad hoc report (Đ8.2) from their reports page, the leader in charge of the area opens
 * it from "Báo cáo địa bàn" and acknowledges it ("Đã xem"), sees it among those seen and not yet answered, answers it
 * with a task, and the official sees the acknowledgement and the answer in their history.
 * Each page is screenshotted to test-artifacts/screenshots/reports-<page>.png (test/support/browser.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSuite,
  clearFailureScreenshots,
  screenshot,
  startBrowserSuite,
  type WebServer,
} from '../support/browser';
import { expectLabelled, storyDriver } from '../support/browser-story';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { composeNoticeMail } from '../../labels/notifications';
import { startActiveAssignment } from '../support/assignments';
import { asOfficial, eventually } from '../support/confidential-reads';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let web: WebServer;
let browser: Browser;
let suite: BrowserSuite | undefined;
const { as } = storyDriver(() => ({ h, web, browser }));

const ASSIGNMENT = 'reported-in-browser';
const AREA = 'Thị xã Cửa Lò'; // its leader in charge: ld02, Trần Thị Hồng Minh
const LEADER = { username: 'ld02', id: 'official-ld-02', name: 'Trần Thị Hồng Minh' };
const TASK = 'Đề nghị nắm chắc tình hình, báo cáo kết quả giải quyết đơn thư';
const SITUATION = 'Phát sinh đơn thư tập thể liên quan công tác cán bộ tại phường Nghi Thủy';

beforeAll(async () => {
  clearFailureScreenshots();
  suite = await startBrowserSuite();
  ({ h, web, browser } = suite);
  await startActiveAssignment(h, {
    assignmentId: ASSIGNMENT,
    areaId: 'area-na-cualo',
    official: asOfficial('cb-003'),
    groupId: 'group-01',
    proposedBy: h.people.departmentHead,
  });
  await eventually(() =>
    h.db.prisma.assignment.findFirst({ where: { id: ASSIGNMENT, state: { startsWith: 'active' } } }),
  );
});

afterAll(async () => {
  await suite?.close();
});

describe('reports in the web application', () => {
  it('the official sends an ad hoc report with its urgency; the leader in charge is notified', async () => {
    await as('cb003', async (page) => {
      await page.goto('/app/my/reports');
      const form = page.getByRole('form', { name: 'Báo cáo đột xuất' });
      await expect.poll(() => form.getByLabel('Mức độ khẩn').count()).toBe(1);
      // Nothing written: the schema's errors beside the fields, nothing sent.
      await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await expect.poll(() => form.getByLabel('Tình hình địa bàn').getAttribute('aria-invalid')).toBe('true');
      expect(await h.db.prisma.adHocReport.count()).toBe(0);
      await expectLabelled(page);
      await screenshot(page, 'reports', 'official-form-errors');

      await form.getByLabel('Mức độ khẩn').selectOption('URGENT');
      await form.getByLabel('Tình hình địa bàn').fill(SITUATION);
      await form.getByLabel('Kết quả chuyến công tác').fill('Đã nắm tình hình ban đầu, làm việc với Đảng ủy phường');
      await form.getByLabel('Đề xuất, kiến nghị').fill('Đề nghị Lãnh đạo Ban chỉ đạo');
      await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await expect.poll(() => page.getByText('Đã gửi báo cáo đột xuất').count()).toBeGreaterThan(0);
      // The history lists it at once, not yet seen.
      await expect.poll(() => page.getByRole('cell', { name: 'Chưa xem' }).count()).toBe(1);
      await expectLabelled(page);
      await screenshot(page, 'reports', 'official-sent');
    });
    const stored = await h.db.prisma.adHocReport.findFirstOrThrow({ where: { assignmentId: ASSIGNMENT } });
    expect(stored).toMatchObject({ urgency: 'URGENT', sensitive: false, situation: SITUATION, recipientId: LEADER.id });
    const notice = await h.db.prisma.outboxMessage.findFirstOrThrow({ where: { template: 'report.adhoc' } });
    expect(notice.recipientId).toBe(LEADER.id);
  });

  it('the leader in charge sees the bell count rise, opens it from "Báo cáo địa bàn" and acknowledges it', async () => {
    await as(LEADER.username, async (page) => {
      // The bell: once the dispatcher has delivered the outbox row, the count rises and the notice
      // opens the report itself.
      const badge = page.getByTestId('notification-bell-count');
      const bellCount = async () => ((await badge.count()) === 0 ? 0 : Number(await badge.textContent()));
      await page.getByTestId('notification-bell').waitFor();
      const before = await bellCount();
      await new NotificationDispatcher(h.db.prisma, { compose: composeNoticeMail(web.baseUrl) }).tick();
      await page.reload();
      await expect.poll(bellCount).toBeGreaterThan(before);
      await screenshot(page, 'reports', 'leader-bell', { fullPage: false });
      await page.getByTestId('notification-bell').click();
      await page.waitForURL('**/app/notifications');
      const notice = page.getByRole('link', { name: `Có báo cáo đột xuất mới — địa bàn ${AREA}` });
      await expect.poll(() => notice.count()).toBe(1);
      expect(await notice.getAttribute('href')).toMatch(/\/app\/reports\/[^/]+$/);
      await screenshot(page, 'reports', 'leader-notifications');

      await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo địa bàn' }).click();
      await page.waitForURL('**/app/reports');
      await expect.poll(() => page.getByRole('cell', { name: AREA }).count()).toBeGreaterThan(0);
      // Unread first: the ad hoc report heads the month's list.
      const first = page.locator('table').first().locator('tbody tr').first();
      expect(await first.textContent()).toContain('Đột xuất');
      expect(await first.textContent()).toContain('Chưa xem');
      await expectLabelled(page);
      await screenshot(page, 'reports', 'leader-list');

      await first.getByRole('link').click();
      await page.waitForURL('**/app/reports/*');
      await expect.poll(() => page.getByText(SITUATION).count()).toBe(1);
      await expectLabelled(page);
      await screenshot(page, 'reports', 'leader-report');
      await page.getByRole('button', { name: 'Đã xem' }).click();
      await expect.poll(() => page.getByText(`Đã xem: ${LEADER.name}`, { exact: false }).count()).toBeGreaterThan(0);
      await screenshot(page, 'reports', 'leader-acknowledged');

      // Seen and not yet answered: on the leader's page until answered.
      await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo địa bàn' }).click();
      const waiting = page.getByRole('region', { name: 'Đã xem, chưa trả lời', exact: true });
      await expect.poll(() => waiting.locator('tbody tr').count()).toBe(1);
      await screenshot(page, 'reports', 'leader-waiting');

      // Answered with a task: a task names its day, a comment may not.
      await waiting.getByRole('link').first().click();
      await page.waitForURL('**/app/reports/*');
      const answer = page.getByRole('form', { name: 'Xem, trả lời báo cáo' });
      await answer.getByLabel('Hình thức trả lời').selectOption('TASK');
      await answer.getByLabel('Nội dung trả lời').fill(TASK);
      await answer.getByLabel('Hạn hoàn thành (dd/mm/yyyy)').fill('15/01/2030');
      await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
      await expect.poll(() => page.getByText('Đã gửi trả lời').count()).toBe(1);
      await expect.poll(() => page.getByText(TASK).count()).toBe(1);
      await expectLabelled(page);
      await screenshot(page, 'reports', 'leader-answered');
    });
    const seen = await h.db.prisma.reportAcknowledgement.findMany();
    expect(seen.map((a) => a.acknowledgedById)).toEqual([LEADER.id]);
    const answers = await h.db.prisma.reportAnswer.findMany();
    expect(answers).toMatchObject([{ kind: 'TASK', text: TASK, answeredById: LEADER.id }]);
    expect(answers[0]!.dueOn?.toISOString().slice(0, 10)).toBe('2030-01-15');
  });

  it('the official sees the acknowledgement and the answer in their history', async () => {
    await as('cb003', async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo của tôi' }).click();
      await page.waitForURL('**/app/my/reports');
      await expect.poll(() => page.getByText(`Đã xem: ${LEADER.name}`, { exact: false }).count()).toBe(1);
      expect(await page.getByText(TASK, { exact: false }).count()).toBe(1);
      expect(await page.getByText('Giao nhiệm vụ').count()).toBe(1);
      await expectLabelled(page);
      await screenshot(page, 'reports', 'official-history');
    });
  });
});
