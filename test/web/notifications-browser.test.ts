/**
 * The notification bell in headless Chromium against the real API, worker, time-skipping server and a fresh seeded
 * database: the official's approval reaches the bell in the header; its page links to the assignment, marks it read
 * (the count goes), and turns e-mail off. Screenshots: test-artifacts/screenshots/notifications-<page>.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { composeNoticeMail } from '../../labels/notifications';
import { startActiveAssignment } from '../support/assignments';
import {
  type BrowserSuite,
  clearFailureScreenshots,
  screenshot,
  startBrowserSuite,
  type WebServer,
} from '../support/browser';
import { expectLabelled, storyDriver } from '../support/browser-story';
import { eventually } from '../support/confidential-reads';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let web: WebServer;
let browser: Browser;
let suite: BrowserSuite | undefined;
const { as } = storyDriver(() => ({ h, web, browser }));
const ASSIGNMENT = 'notified-in-browser';

beforeAll(async () => {
  clearFailureScreenshots();
  suite = await startBrowserSuite();
  ({ h, web, browser } = suite);
  await startActiveAssignment(h, {
    assignmentId: ASSIGNMENT,
    areaId: 'area-na-cualo',
    official: { id: 'official-cb-003', roles: ['OFFICIAL'] },
    proposedBy: h.people.departmentHead,
  });
  await eventually(() => h.db.prisma.outboxMessage.findFirst({ where: { template: 'assignment.approved' } }));
  // In the app only (no mailer): the dispatcher writes the in-app notification.
  await new NotificationDispatcher(h.db.prisma, { compose: composeNoticeMail(web.baseUrl) }).tick();
});

afterAll(async () => {
  await suite?.close();
});

describe('notifications in the web application', () => {
  it('the bell counts the unread notice; its page links to the assignment, marks it read and turns e-mail off', async () => {
    await as('cb003', async (page) => {
      await page.goto('/app/my');
      const bell = page.getByTestId('notification-bell');
      await expect.poll(() => page.getByTestId('notification-bell-count').textContent()).toBe('1');
      expect(await bell.getAttribute('aria-label')).toBe('Thông báo: 1 chưa đọc');
      await screenshot(page, 'notifications', 'bell', { fullPage: false });

      await bell.click();
      await page.waitForURL('**/app/notifications');
      const notice = page.getByTestId('notification-assignment.approved');
      await expect
        .poll(() => notice.getByRole('link').textContent())
        .toBe('Quyết định phân công theo dõi địa bàn đã được phê duyệt — địa bàn Thị xã Cửa Lò');
      expect(await notice.getByRole('link').getAttribute('href')).toBe(`/app/assignments/${ASSIGNMENT}`);
      await expectLabelled(page);
      await screenshot(page, 'notifications', 'page');

      await notice.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
      await expect.poll(() => page.getByTestId('notification-bell-count').count()).toBe(0);
      await expect.poll(() => notice.getByRole('button').count()).toBe(0);

      const prefs = page.getByRole('form', { name: 'Nhận thông báo' });
      await expect.poll(() => prefs.getByText('cb-003@btctu.nghean.example').count()).toBe(1);
      await prefs.getByLabel('Nhận thêm qua thư điện tử').uncheck();
      await prefs.getByRole('button', { name: 'Lưu' }).click();
      await expect.poll(() => prefs.getByText('Đã lưu lựa chọn.').count()).toBe(1);
      const user = await h.db.prisma.user.findUniqueOrThrow({ where: { username: 'cb003' } });
      expect(user.emailNotifications).toBe(false);
      await screenshot(page, 'notifications', 'preferences');
    });
  });
});
