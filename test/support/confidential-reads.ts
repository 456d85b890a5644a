/**
 * The people of the evaluation and complaint suites (test/api/evaluations.test.ts, test/api/complaints.test.ts) and
 * their reads of confidential records over HTTP: one CONFIDENTIAL_READ audit row per read made, none per read refused.
 */
import { expect } from 'vitest';
import { CONFIDENTIAL_READ } from '../../api/audited-read';
import type { Actor } from '../../machines/actor';
import { type apiClient, type ApiResponse, SEEDED_USERS } from './api-client';
import type { LifecycleHarness } from './lifecycle-harness';

/** Seeded logins (prisma/seed.ts) beyond SEEDED_USERS. */
export const USERS = {
  ...SEEDED_USERS,
  groupLeader: 'cb001', // leader of group-01 (also a department head)
  member: 'cb008', // member of group-01
  member2: 'cb017', // member of group-01
  otherCommittee: 'diaban-namdan', // AREA_COMMITTEE of area-na-namdan
  secondLeader: 'ld03', // BOARD_LEADER
  complainedOf: 'cb009', // OFFICIAL, in group-02
} as const;

export const asOfficial = (code: string, roles: Actor['roles'] = ['OFFICIAL']): Actor => ({
  id: `official-${code}`,
  roles,
});

/** readRows, auditedRead and refusedRead on the suite's harness and API client, started in its `beforeAll`. */
export function confidentialReads(parts: () => { h: LifecycleHarness; call: ReturnType<typeof apiClient>['call'] }) {
  const readRows = () =>
    parts().h.db.prisma.auditEvent.findMany({ where: { action: CONFIDENTIAL_READ }, orderBy: { seq: 'asc' } });

  /** Makes one read and checks it wrote exactly one CONFIDENTIAL_READ row, by this actor, about this record. */
  async function auditedRead(
    url: string,
    username: string,
    expected: { actorId: string; entityType: string; entityId: string },
  ): Promise<ApiResponse> {
    const before = await readRows();
    const response = await parts().call('GET', url, username);
    expect(response.statusCode, response.body).toBe(200);
    const after = await readRows();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject(expected);
    return response;
  }

  /** A refused read writes no audit row. */
  async function refusedRead(url: string, username: string | null, status: number): Promise<ApiResponse> {
    const before = (await readRows()).length;
    const response = await parts().call('GET', url, username);
    expect(response.statusCode, `${username} GET ${url}: ${response.body}`).toBe(status);
    expect((await readRows()).length).toBe(before);
    return response;
  }

  return { readRows, auditedRead, refusedRead };
}

/** Probes every 50 ms until it finds something (a workflow's write, a state reached). */
export async function eventually<T>(probe: () => Promise<T | null | undefined>): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const found = await probe();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out waiting');
}

export const expectStatus = (response: ApiResponse, status: number) =>
  expect(response.statusCode, response.body).toBe(status);
