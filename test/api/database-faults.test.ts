/**
 * The database's faults as users meet them. Another process holds SQLite's write lock; the
 * database's file cannot grow (a full disk: SQLite's max_page_count reached, the same SQLITE_FULL a full disk gives).
 * The service stays responsive, answers 503 with a reason and Retry-After, says so on /healthz, and does not lock
 * anybody out for its own failures. SQLite only: PostgreSQL's locks and disk are the cluster's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../api/healthz/routes';
import { openDatabase } from '../../prisma/database';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite;

beforeAll(async () => {
  suite = await startApiSuite();
});

afterAll(async () => {
  await suite?.close();
});

/** The longest the event loop stood still while `fn` ran. */
async function longestStall(fn: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 20);
  try {
    await fn();
  } finally {
    clearInterval(ticker);
  }
  return longest;
}

describe('the database faults (12.8)', () => {
  it('12.7: another process holding the write lock freezes nothing; writes answer 503 DATABASE_BUSY, /healthz names the lock', async () => {
    // Another process's connection: its own client on the same file.
    const holder = openDatabase(suite.h.databaseUrl);
    await holder.prisma.$executeRawUnsafe('BEGIN IMMEDIATE');
    try {
      const stall = await longestStall(async () => {
        const started = performance.now();
        const missing = await suite.api.call('GET', '/no-such-route', null);
        expect(missing.statusCode).toBe(404);
        expect(performance.now() - started).toBeLessThan(1_000);

        const health = await suite.api.call('GET', '/healthz', null);
        expect(health.statusCode).toBe(503);
        const report = health.json<HealthReport>();
        expect(report.failing).toEqual(['database']);
        expect(report.database).toMatchObject({ status: 'down', error: 'write lock held by another process' });
        expect(report.temporal.status).toBe('up');

        // A login writes its session: the lock is ours to wait out, not the caller's mistake.
        const login = await suite.api.login(USERS.official);
        expect(login.statusCode, login.body).toBe(503);
        expect(errorOf(login).code).toBe('DATABASE_BUSY');
        expect(Number(login.headers['retry-after'])).toBeGreaterThan(0);
      });
      expect(stall).toBeLessThan(1_000);
    } finally {
      await holder.prisma.$executeRawUnsafe('ROLLBACK');
      await holder.close();
    }
    expect((await suite.api.login(USERS.official)).statusCode).toBe(200);
    expect((await suite.api.call('GET', '/healthz', null)).statusCode).toBe(200);
  });

  it('another process holding the write lock under a stream of writes: each write answers 503 within the bound, reads answer meanwhile', async () => {
    await suite.api.tokenOf(USERS.official); // logged in before the lock is taken
    const holder = openDatabase(suite.h.databaseUrl);
    await holder.prisma.$executeRawUnsafe('BEGIN IMMEDIATE');
    const timed = async (send: () => Promise<{ statusCode: number }>) => {
      const started = performance.now();
      const { statusCode } = await send();
      return { statusCode, ms: performance.now() - started };
    };
    try {
      let writes: { statusCode: number; ms: number }[] = [];
      let reads: { statusCode: number; ms: number }[] = [];
      const stall = await longestStall(async () => {
        // Twenty logouts of one session at once, each a write that meets the lock (and so leaves the session live),
        // and twenty reads beside them. A synchronous wait of 250 ms each would hold the process for five seconds.
        [writes, reads] = await Promise.all([
          Promise.all(
            Array.from({ length: 20 }, () => timed(() => suite.api.call('POST', '/auth/logout', USERS.official))),
          ),
          Promise.all(Array.from({ length: 20 }, () => timed(() => suite.api.call('GET', '/me', USERS.official)))),
        ]);
      });
      expect(writes.map((w) => w.statusCode)).toEqual(Array(20).fill(503));
      expect(reads.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      // The bound is 250 ms; the margin is a loaded test machine's, far below the twenty waits in a row of before.
      const slowest = { write: Math.max(...writes.map((w) => w.ms)), read: Math.max(...reads.map((r) => r.ms)), stall };
      expect(slowest.write, JSON.stringify(slowest)).toBeLessThan(1_500);
      expect(slowest.read, JSON.stringify(slowest)).toBeLessThan(3_000);
      expect(slowest.stall, JSON.stringify(slowest)).toBeLessThan(500);
    } finally {
      await holder.prisma.$executeRawUnsafe('ROLLBACK');
      await holder.close();
    }
  });

  it('12.8: a full disk answers 503 DATABASE_FULL, /healthz says so, and logins failed by it lock nobody out', async () => {
    const { prisma } = suite.h.db;
    const user = await prisma.user.findUniqueOrThrow({ where: { username: USERS.auditor } });
    const pages = await prisma.$queryRawUnsafe<{ page_count: bigint }[]>('PRAGMA page_count');
    await prisma.$executeRawUnsafe(`PRAGMA max_page_count = ${Number(pages[0]!.page_count)}`);
    try {
      // Fill what room is left in the pages the database already has, as a disk filling up would.
      for (let i = 0; ; i += 1) {
        const wrote = await prisma.session
          .create({ data: { id: `filler-${i}`, userId: user.id, expiresAt: new Date(0) } })
          .then(
            () => true,
            () => false,
          );
        if (!wrote) break;
      }

      for (let attempt = 1; attempt <= 12; attempt += 1) {
        const login = await suite.api.login(USERS.auditor);
        expect(login.statusCode, login.body).toBe(503);
        expect(errorOf(login).code).toBe('DATABASE_FULL');
        expect(Number(login.headers['retry-after'])).toBeGreaterThan(0);
      }
      const health = await suite.api.call('GET', '/healthz', null);
      expect(health.statusCode).toBe(503);
      expect(health.json<HealthReport>().database).toMatchObject({ status: 'down', error: 'disk full' });
    } finally {
      await prisma.$executeRawUnsafe('PRAGMA max_page_count = 1073741823');
      await prisma.session.deleteMany({ where: { id: { startsWith: 'filler-' } } });
    }
    await sleep(10);
    // Room again: the twelve failed logins were the service's failures, not guesses; no 429.
    const login = await suite.api.login(USERS.auditor);
    expect(login.statusCode, login.body).toBe(200);
    expect((await suite.api.call('GET', '/healthz', null)).statusCode).toBe(200);
  });
});
