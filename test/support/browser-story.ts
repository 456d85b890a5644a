/**
 * The story of test/web/browser.test.ts: its people and places in the seeded province, and the means to act as them:
 * the API as a person, a browser profile per person on its own page, and server time skipped a day at a time until
 * something holds.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { logIn, newContext, screenshot, unlabelledControls, watchErrors, type WebServer } from './browser';
import type { LifecycleHarness } from './lifecycle-harness';

export const DAY = 86_400_000;
export const AREA = { id: 'area-na-vinh', name: 'Thành phố Vinh' };
export const OFFICIAL = { username: 'cb003', id: 'official-cb-003', name: 'Đặng Minh Tuấn' };
/** The official's monitoring group in the seed; its leader proposes the annual rating (Đ7.B.4). */
export const GROUP_ID = 'group-01';
/** The Board leader who rates the evaluation. */
export const RATER = { username: 'ld03', id: 'official-ld-03' };
export const DEPARTMENT_HEAD = 'cb011';
/** The official's department head (Phòng Tổ chức đảng - đảng viên): proposes for its officials only. */
export const OFFICIALS_HEAD = { username: 'cb001', id: 'official-cb-001', name: 'Phan Văn Hùng' };
export const SUCCESSOR = { id: 'official-cb-005', name: 'Hồ Sỹ Nam' }; // of the proposer's department
/** A second assignment, whose official a verified complaint is about. */
export const OTHER = { areaId: 'area-na-cualo', areaName: 'Thị xã Cửa Lò', officialId: 'official-cb-012' };
export const COMPLAINT = 'Đơn phản ánh cán bộ theo dõi địa bàn can thiệp vào công tác nhân sự của thị xã';

export async function expectLabelled(page: Page): Promise<void> {
  expect(await unlabelledControls(page)).toEqual([]);
}

/** The story's means on the suite's harness, web server and browser, started in its `beforeAll`. */
export function storyDriver(parts: () => { h: LifecycleHarness; web: WebServer; browser: Browser }) {
  const tokens = new Map<string, string>();
  async function api<T>(method: 'GET' | 'POST', path: string, username: string, body?: unknown): Promise<T> {
    const { web } = parts();
    let token = tokens.get(username);
    if (!token) {
      const login = await fetch(`${web.baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: `DiaBan@${username}` }),
      });
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

  const serverNow = () => parts().h.env.currentTimeMs();

  /** Skips server time a day at a time until `ready` holds (at most `days`). */
  async function skipUntil(ready: () => Promise<boolean>, days: number, what: string): Promise<void> {
    const { h } = parts();
    for (let i = 0; i <= days; i += 1) {
      if (await ready().catch(() => false)) return;
      await h.sleepUntil((await serverNow()) + DAY);
    }
    throw new Error(`still waiting for ${what} after ${days} days of server time`);
  }

  /** A browser profile per person, each on its own page; closed at the end of their step. */
  async function as<T>(username: string, fn: (page: Page, errors: string[]) => Promise<T>): Promise<T> {
    const { browser, web } = parts();
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

  return { api, serverNow, skipUntil, as };
}

export type StoryApi = ReturnType<typeof storyDriver>['api'];
