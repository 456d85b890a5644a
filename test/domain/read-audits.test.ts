import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../domain/audit/chain';
import { CONFIDENTIAL_READ, ReadAudits, recordConfidentialRead } from '../../domain/audit/confidential-read';
import type { AuditEntry } from '../../domain/audit/log';
import type { Database } from '../../prisma/database';
import { freshDatabase } from '../support/lifecycle-harness';

const reader = { actorId: 'auditor', userId: 'user-auditor', roles: ['AUDITOR'], route: 'GET /complaints/:id' };
const entry = (n: number): AuditEntry => ({
  idempotencyKey: `read:test-${n}`,
  at: new Date().toISOString(),
  actorId: reader.actorId,
  action: CONFIDENTIAL_READ,
  entityType: 'Complaint',
  entityId: `complaint-${n}`,
  payload: { userId: reader.userId, roles: reader.roles, route: reader.route },
});

/** The database with its transactions counted. */
function counting(db: Database): { db: Pick<Database, 'prisma' | 'provider'>; transactions: () => number } {
  let transactions = 0;
  const prisma = new Proxy(db.prisma, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key !== '$transaction' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        transactions += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: { prisma, provider: db.provider }, transactions: () => transactions };
}

describe('reads of confidential records, audited in groups', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('reads arriving together share one transaction and one step of the chain, each row written and chained', async () => {
    const { db, transactions } = counting(database.db);
    const audits = new ReadAudits(db, { waitMs: 20, maxRows: 200 });
    const before = await database.db.prisma.auditEvent.count();
    await Promise.all(Array.from({ length: 40 }, (_, n) => audits.record(entry(n))));
    expect(transactions()).toBe(1);
    const rows = await database.db.prisma.auditEvent.findMany({
      where: { idempotencyKey: { startsWith: 'read:test-' } },
      orderBy: { seq: 'asc' },
      select: { entityId: true, leafIndex: true },
    });
    expect(rows.map((r) => r.entityId)).toEqual(Array.from({ length: 40 }, (_, n) => `complaint-${n}`));
    expect(rows.map((r) => r.leafIndex)).toEqual(Array.from({ length: 40 }, (_, n) => before + n));
    expect(await verifyAuditChain(database.db.prisma)).toMatchObject({ intact: true, rows: before + 40 });
  });

  it('a group larger than its bound is written in several, in order; the reads through the door are audited', async () => {
    const { db, transactions } = counting(database.db);
    const audits = new ReadAudits(db, { waitMs: 20, maxRows: 10 });
    await Promise.all(Array.from({ length: 25 }, (_, n) => audits.record(entry(100 + n))));
    expect(transactions()).toBe(3);
    await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        recordConfidentialRead(database.db, reader, { entityType: 'Complaint', entityId: `door-${n}` }),
      ),
    );
    expect(await database.db.prisma.auditEvent.count({ where: { entityId: { startsWith: 'door-' } } })).toBe(5);
    expect(await verifyAuditChain(database.db.prisma)).toMatchObject({ intact: true });
  });

  it('a group that cannot be written fails each of its reads, and writes none of them', async () => {
    const audits = new ReadAudits(database.db, { waitMs: 20, maxRows: 200 });
    // The second row repeats the first's key: the whole group is refused.
    const results = await Promise.allSettled([audits.record(entry(500)), audits.record(entry(500))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await database.db.prisma.auditEvent.count({ where: { idempotencyKey: 'read:test-500' } })).toBe(0);
    expect(await verifyAuditChain(database.db.prisma)).toMatchObject({ intact: true });
  });
});
