/**
 * Accounts in headless Chromium against the real API and a fresh seeded database: the administrator gives a new
 * official an account on the accounts page and sees its one-time password once; the official's first login asks for
 * their own password before anything else, and after it they reach their pages. Screenshots:
 * test-artifacts/screenshots/accounts-<page>.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSuite, logIn, newContext, screenshot, startBrowserSuite, watchErrors } from '../support/browser';

let suite: BrowserSuite | undefined;

beforeAll(async () => {
  suite = await startBrowserSuite();
  await suite.h.db.prisma.official.create({
    data: { id: 'official-cb-201', code: 'CB-201', fullName: 'Trần Văn Mới', position: 'SPECIALIST' },
  });
});

afterAll(async () => {
  await suite?.close();
});

describe('accounts in the browser', () => {
  it('the administrator creates an account; its first login chooses a password, then reaches its pages', async () => {
    const { browser, web } = suite!;
    const admin = await (await newContext(browser, web.baseUrl)).newPage();
    const adminErrors = watchErrors(admin);
    await logIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Tài khoản' }).click();
    const form = admin.getByRole('form', { name: 'Cấp tài khoản mới' });
    await form.getByLabel(/^Tên đăng nhập/).fill('cb201');
    await form.getByLabel(/^Cán bộ/).selectOption('official-cb-201');
    await form.getByRole('button', { name: 'Cấp tài khoản' }).click();
    const shown = admin.locator('.one-time-password code');
    await shown.waitFor();
    const oneTime = (await shown.textContent())!.trim();
    expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await expect.poll(() => admin.getByRole('row', { name: /cb201/ }).textContent()).toContain('Chờ đổi mật khẩu');
    await screenshot(admin, 'accounts', 'admin');
    expect(adminErrors).toEqual([]);

    const user = await (await newContext(browser, web.baseUrl)).newPage();
    await logIn(user, 'cb201', oneTime);
    await user.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    // Nothing else is offered until the password is the user's own.
    expect(await user.getByRole('navigation').count()).toBe(0);
    await user.getByLabel(/^Mật khẩu dùng một lần/).fill(oneTime);
    await user.getByLabel(/^Mật khẩu mới/).fill('ngắn1');
    await user.getByLabel(/^Nhập lại mật khẩu mới/).fill('ngắn1');
    await user.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await user.getByText('Mật khẩu cần ít nhất 10 ký tự').waitFor();
    await screenshot(user, 'accounts', 'first-login');
    await user.getByLabel(/^Mật khẩu mới/).fill('Cửa Lò 2026 biển xanh');
    await user.getByLabel(/^Nhập lại mật khẩu mới/).fill('Cửa Lò 2026 biển xanh');
    await user.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await user.getByRole('navigation').waitFor();
    expect(new URL(user.url()).pathname).toBe('/app/my');
  });
});
