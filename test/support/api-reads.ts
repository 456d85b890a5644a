/**
 * Reading the directory and dashboard lists through the HTTP API in process (test/api/directory.test.ts,
 * test/api/dashboard.test.ts): one page, every page, the confidential reads audited, and a wait for a workflow's write.
 */
import { expect } from 'vitest';
import type { apiClient } from './api-client';
import type { LifecycleHarness } from './lifecycle-harness';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type Item = Record<string, unknown> & { id: string };

/** get, allPages and countReads on the suite's API client and harness, started in its `beforeAll`. */
export function apiReads(parts: () => { api: ReturnType<typeof apiClient>; h: LifecycleHarness }) {
  async function get<T = Record<string, unknown>>(url: string, username: string, status = 200): Promise<T> {
    const response = await parts().api.call('GET', url, username);
    expect(response.statusCode, `${username} GET ${url}: ${response.body}`).toBe(status);
    return response.json<T>();
  }

  /** Every page of a list, checking that no item comes twice. */
  async function allPages<T extends object>(
    url: string,
    username: string,
    key: (item: T) => string,
  ): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const page: Page<T> = await get<Page<T>>(
        `${url}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
        username,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(50);
    } while (cursor);
    expect(new Set(items.map(key)).size, 'no item on two pages').toBe(items.length);
    return { items, pages };
  }

  const countReads = (entityType: string, entityId: string) =>
    parts().h.db.prisma.auditEvent.count({ where: { action: 'CONFIDENTIAL_READ', entityType, entityId } });

  return { get, allPages, countReads };
}

/** Reads again every 100 ms until the workflow has written what `read` finds. */
export async function poll<T>(read: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting for the workflow to write');
}
