/**
 * The web application in a real browser: Debian's Chromium (installed by the tests' set-up, or CHROMIUM_PATH) driven by
 * playwright-core, against the real API (buildServer, listening on a free port) over a lifecycle harness.
 * Screenshots go to test-artifacts/screenshots/<scenario>-<page>.png.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer } from '../../api/server';
import { chromiumExecutable } from '../../scripts/tools/system-packages';
import { ensureWebBuild } from '../../web/build';
import { type LifecycleHarness, startLifecycleHarness } from './lifecycle-harness';
import { Started } from './started';

export const CHROMIUM = chromiumExecutable();
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

export interface WebServer {
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

/** The API with the web application, on 127.0.0.1 and a free port; the web build is refreshed first if stale. */
export async function startWebServer(h: LifecycleHarness): Promise<WebServer> {
  await ensureWebBuild({ log: () => {} });
  const app = buildServer(
    { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
    { tokens: new TokenSigner(Buffer.from('browser-test-secret-of-32-bytes-or-more')) },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export interface BrowserSuite {
  h: LifecycleHarness;
  web: WebServer;
  browser: Browser;
  close(): Promise<void>;
}

/** A browser suite's world: the lifecycle harness, the API with the web app over it, and Chromium. */
export async function startBrowserSuite(): Promise<BrowserSuite> {
  const started = new Started();
  return started.closeOnFailure(async () => {
    const h = await started.add(startLifecycleHarness(), (h) => h.close());
    const [web, browser] = await Promise.all([
      started.add(startWebServer(h), (web) => web.close()),
      started.add(launchBrowser(), (browser) => browser.close()),
    ]);
    return { h, web, browser, close: () => started.close() };
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Containers run as root without user namespaces: Chromium's sandbox cannot start there.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** A fresh browser profile (its own localStorage: session and language), as someone in Vietnam would have it. */
export async function newContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Fails the test on any uncaught error in the page, and on anything the Content Security Policy refused. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/** The page (whole, unless `fullPage: false` for the top of a long one) as test-artifacts/screenshots/<scenario>-<name>.png. */
export async function screenshot(
  page: Page,
  scenario: string,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${scenario}-${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Removes the screenshots of failures left by an earlier run. */
export function clearFailureScreenshots(): void {
  if (!existsSync(SCREENSHOTS_DIR)) return;
  for (const file of readdirSync(SCREENSHOTS_DIR)) if (file.startsWith('failure-')) rmSync(join(SCREENSHOTS_DIR, file));
}

/** Logs in through the form, by its labels, submitting with Enter; lands on the role's home. */
export async function logIn(page: Page, username: string, password = `DiaBan@${username}`): Promise<void> {
  await page.goto('/app/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).not.toBe('/app/login');
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL('**/app/login');
}

/**
 * Accessibility basics on the page as it is: every visible form control has an accessible name from a <label> (or
 * aria-label/labelledby), and every field shown in error is tied to its message. Returns the offenders.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const offenders: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea'),
    )) {
      if (el.type === 'hidden' || el.offsetParent === null) continue;
      const labelled =
        (el.labels && el.labels.length > 0 && Array.from(el.labels).some((l) => l.textContent?.trim())) ||
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby');
      if (!labelled) offenders.push(el.outerHTML.slice(0, 120));
      if (el.getAttribute('aria-invalid') === 'true') {
        const described = (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent?.trim())
          .filter(Boolean);
        if (described.length === 0) offenders.push(`invalid without message: ${el.outerHTML.slice(0, 120)}`);
      }
    }
    return offenders;
  });
}

/** dd/mm/yyyy of an instant, in Vietnam. */
export function vnDay(instantMs: number): string {
  const [y, m, d] = new Date(instantMs + 7 * 3_600_000).toISOString().slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
