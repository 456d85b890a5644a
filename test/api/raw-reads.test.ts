/**
 * The hot reads' plain SQL (prisma/raw-reads.ts, domain/confidential-facts.ts readFactsRow) gives what Prisma's model
 * reads give, on either database, through the adapter and through a transaction's client alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../machines/calendar';
import { pendingRows } from '../../domain/approvals/inbox';
import { readFactsRow } from '../../domain/confidential-facts';
import { sessionIsLive } from '../../domain/auth/sessions';
import type { Database } from '../../prisma/database';
import { freshDatabase } from '../support/lifecycle-harness';

let db: Database;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ db, dispose } = await freshDatabase());
}, 120_000);
afterAll(async () => await dispose?.());

/** An assignment row written straight to the table, in one of the seed's areas, for one of its officials. */
async function storedAssignment(id: string, closed: boolean) {
  const area = await db.prisma.area.findFirstOrThrow({ orderBy: { id: 'asc' } });
  const official = await db.prisma.official.findFirstOrThrow({ orderBy: { id: 'asc' } });
  const today = dayOf(Date.now());
  const at = (days: number) => new Date(`${addDays(today, days)}T00:00:00.000Z`);
  await db.prisma.assignment.create({
    data: {
      id,
      workflowId: `raw-reads-${id}`,
      areaId: area.id,
      officialId: official.id,
      state: closed ? 'CLOSED' : 'ACTIVE',
      proposedById: official.id,
      effectiveFrom: at(-400),
      rotationEligibleAt: at(300),
      rotationDueAt: at(700),
      ...(closed && { closedAt: new Date(Date.now() - 1234), closureReason: 'REASSIGNED_EARLY', servedFrom: at(-500) }),
    },
  });
}

describe('plain SQL reads of the hot paths', () => {
  it('reads an assignment row as Prisma does, with no facts where it has none; null for an unknown one', async () => {
    await storedAssignment('raw-open', false);
    await storedAssignment('raw-closed', true);
    for (const id of ['raw-open', 'raw-closed']) {
      const found = await readFactsRow(db.prisma, id);
      expect(found?.record).toEqual(await db.prisma.assignment.findUniqueOrThrow({ where: { id } }));
      expect(found?.facts).toMatchObject({ id, group: null, complaints: [], evaluations: [], approvals: [] });
    }
    expect(await readFactsRow(db.prisma, 'raw-unknown')).toBeNull();
  });

  it("gives the same through a transaction's client (Prisma's raw query) as through the adapter", async () => {
    const direct = await readFactsRow(db.prisma, 'raw-closed');
    const inTransaction = await db.prisma.$transaction((tx) =>
      readFactsRow(tx as unknown as typeof db.prisma, 'raw-closed'),
    );
    expect(inTransaction).toEqual(direct);
    expect(direct?.record.closedAt).toBeInstanceOf(Date);
  });

  it('tells a live session from a revoked one, another user’s and an unknown one', async () => {
    const user = await db.prisma.user.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const expiresAt = new Date(Date.now() + 3_600_000);
    await db.prisma.session.create({ data: { id: 'raw-live', userId: user.id, expiresAt } });
    await db.prisma.session.create({ data: { id: 'raw-revoked', userId: user.id, expiresAt, revokedAt: new Date() } });
    expect(await sessionIsLive(db.prisma, 'raw-live', user.id)).toBe(true);
    expect(await sessionIsLive(db.prisma, 'raw-live', 'someone-else')).toBe(false);
    expect(await sessionIsLive(db.prisma, 'raw-revoked', user.id)).toBe(false);
    expect(await sessionIsLive(db.prisma, 'raw-unknown', user.id)).toBe(false);
  });

  it("pages the pending proposals as Prisma's cursor paging does, ties and a decided or unknown cursor included", async () => {
    await storedAssignment('raw-inbox', false);
    const official = await db.prisma.official.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const now = Date.now();
    // Two pairs made at the same instant (ordered by id), one decided among them, payloads with a ground and without.
    const made = [
      { id: 'raw-p-b', at: now - 3_000, status: 'PENDING' },
      { id: 'raw-p-a', at: now - 3_000, status: 'PENDING' },
      { id: 'raw-p-c', at: now - 2_000, status: 'APPROVED' },
      { id: 'raw-p-e', at: now - 1_000, status: 'PENDING' },
      { id: 'raw-p-d', at: now - 1_000, status: 'PENDING' },
      { id: 'raw-p-f', at: now, status: 'PENDING' },
    ] as const;
    for (const [n, { id, at, status }] of made.entries())
      await db.prisma.approvalRequest.create({
        data: {
          id,
          assignmentId: 'raw-inbox',
          kind: 'EARLY_REASSIGNMENT',
          status,
          proposedById: official.id,
          reason: `Lý do ${n}`,
          payload: n % 2 === 0 ? { ground: { kind: 'COMPLAINT_UPHELD', complaintId: `c${n}` } } : { note: null, n },
          createdAt: new Date(at),
        },
      });
    const orderBy = [{ createdAt: 'asc' }, { id: 'asc' }] as const;
    for (const take of [1, 2, 3, 10])
      for (const cursor of [undefined, ...made.map((m) => m.id), 'raw-p-unknown']) {
        const byPrisma = await db.prisma.approvalRequest.findMany({
          where: { status: 'PENDING' },
          orderBy: [...orderBy],
          take,
          ...(cursor && { cursor: { id: cursor }, skip: 1 }),
        });
        expect(await pendingRows(db.prisma, take, cursor), `take ${take} after ${cursor}`).toEqual(byPrisma);
      }
    expect((await pendingRows(db.prisma, 10)).map((r) => r.id)).toEqual([
      'raw-p-a',
      'raw-p-b',
      'raw-p-d',
      'raw-p-e',
      'raw-p-f',
    ]);
  });
});
