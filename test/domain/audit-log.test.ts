import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { verifyAuditChain } from '../../domain/audit/chain';
import { GENESIS_HASH, isKeyedHash, unkeyedAuditHash } from '../../domain/audit/hash';
import { recordOnce } from '../../domain/audit/log';
import type { AssignmentTransition } from '../../activities/assignment-records';
import { freshDatabase } from '../support/lifecycle-harness';

/** An assignment's proposal as the workflow records it, for an official and an area of the seed. */
async function proposalOf(database: Database, id: string, at: string): Promise<AssignmentTransition> {
  const official = await database.db.prisma.official.findFirstOrThrow({ where: { position: 'SPECIALIST' } });
  const area = await database.db.prisma.area.findFirstOrThrow();
  return {
    idempotencyKey: `assignment-${id}:1:ASSIGNMENT_PROPOSED`,
    at,
    action: 'ASSIGNMENT_PROPOSED',
    actorId: 'dept-head',
    entityType: 'Assignment',
    entityId: id,
    toState: 'awaitingApproval',
    assignment: {
      id,
      workflowId: `assignment-${id}`,
      areaId: area.id,
      officialId: official.id,
      proposedById: 'dept-head',
      effectiveFrom: at,
      rotationEligibleAt: at,
      rotationDueAt: at,
    },
  };
}

type Database = Awaited<ReturnType<typeof freshDatabase>>;

describe('audited writes', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let activities: ReturnType<typeof createActivities>;
  let proposal: AssignmentTransition;

  beforeAll(async () => {
    database = await freshDatabase();
    activities = createActivities({ db: database.db, temporal: undefined as never });
    proposal = {
      ...(await proposalOf(database, 'a1', '2027-01-01T00:00:00.000Z')),
      openApproval: { id: 'a1-p0', kind: 'APPOINTMENT', proposedById: 'dept-head', reason: 'Phân công', payload: {} },
    };
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('writes a retried transition once: one audit row, one approval request', async () => {
    expect(await activities.recordAssignmentTransition(proposal)).toBe('written');
    expect(await activities.recordAssignmentTransition(proposal)).toBe('duplicate');
    const prisma = database.db.prisma;
    expect(await prisma.auditEvent.count({ where: { assignmentId: 'a1' } })).toBe(1);
    expect(await prisma.approvalRequest.count({ where: { assignmentId: 'a1' } })).toBe(1);
  });

  it('writes nothing when any part of a transition fails', async () => {
    const broken = {
      ...proposal,
      idempotencyKey: 'assignment-a1:2:APPOINTMENT_APPROVED',
      closeApproval: { requestId: 'no-such-request', outcome: 'APPROVED' as const, decidedById: 'leader' },
    };
    await expect(activities.recordAssignmentTransition(broken)).rejects.toThrow();
    expect(await database.db.prisma.auditEvent.count({ where: { idempotencyKey: broken.idempotencyKey } })).toBe(0);
  });

  it('chains every row to the previous one, and names the first row changed afterwards', async () => {
    const prisma = database.db.prisma;
    for (let i = 0; i < 5; i += 1) {
      await activities.recordDeadlineStep({
        idempotencyKey: `chain-${i}`,
        at: '2027-01-02T00:00:00.000Z',
        action: 'MONTHLY_PLAN_DEADLINE_OPENED',
        deadline: { assignmentId: 'a1', subject: 'MONTHLY_PLAN', reference: `2027-0${i + 1}` },
        change: { kind: 'OPENED', dueAt: '2027-01-08T16:59:59.999Z' },
      });
    }
    expect(await verifyAuditChain(prisma)).toMatchObject({ intact: true, rows: 6 });
    const victim = await prisma.auditEvent.findFirstOrThrow({ where: { idempotencyKey: 'chain-2' } });
    await prisma.auditEvent.update({ where: { seq: victim.seq }, data: { actorId: 'someone-else' } });
    expect(await verifyAuditChain(prisma)).toMatchObject({ intact: false, firstBrokenSeq: victim.seq, reason: 'hash' });
  });
});

describe('steps written together (a month caught up on in one write)', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let activities: ReturnType<typeof createActivities>;
  beforeAll(async () => {
    database = await freshDatabase();
    activities = createActivities({ db: database.db, temporal: undefined as never });
    await activities.recordAssignmentTransition(await proposalOf(database, 'b1', '2027-03-01T00:00:00.000Z'));
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const deadline = { assignmentId: 'b1', subject: 'MONTHLY_PLAN' as const, reference: '2027-03' };
  const opened = {
    idempotencyKey: 'b1:OPENED',
    at: '2027-03-01T00:00:00.000Z',
    action: 'MONTHLY_PLAN_DEADLINE_OPENED',
    deadline,
    change: { kind: 'OPENED' as const, dueAt: '2027-03-06T16:59:59.999Z' },
  };
  const reminded = {
    ...opened,
    idempotencyKey: 'b1:REMINDED',
    action: 'MONTHLY_PLAN_REMINDER_SENT',
    change: { kind: 'REMINDED' as const },
  };
  const missed = {
    ...opened,
    idempotencyKey: 'b1:MISSED',
    action: 'MONTHLY_PLAN_DEADLINE_MISSED',
    change: { kind: 'MISSED' as const, escalation: { level: 1, target: 'GROUP_LEADER' as const } },
    notifications: [
      { recipientId: 'official-x', template: 'monthly.plan.missed' as const, payload: { period: '2027-03' } },
    ],
  };

  it('writes them in order in one transaction; a retry writes nothing; a batch grown since writes only the new step', async () => {
    const prisma = database.db.prisma;
    expect(await activities.recordDeadlineSteps([opened, reminded])).toEqual(['written', 'written']);
    expect(await activities.recordDeadlineSteps([opened, reminded])).toEqual(['duplicate', 'duplicate']);
    expect(await activities.recordDeadlineSteps([opened, reminded, missed])).toEqual([
      'duplicate',
      'duplicate',
      'written',
    ]);
    const rows = await prisma.auditEvent.findMany({ where: { entityType: 'Deadline' }, orderBy: { seq: 'asc' } });
    expect(rows.map((row) => row.idempotencyKey)).toEqual(['b1:OPENED', 'b1:REMINDED', 'b1:MISSED']);
    const row = await prisma.deadline.findFirstOrThrow({ where: { assignmentId: 'b1' } });
    expect(row).toMatchObject({ status: 'MISSED', escalationLevel: 1 });
    expect(row.remindedAt).not.toBeNull();
    expect(await prisma.escalation.count({ where: { deadlineId: row.id } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'b1:MISSED' } } })).toBe(1);
    expect(await verifyAuditChain(prisma)).toMatchObject({ intact: true, rows: 4 });
  });

  it('writes none of them when one cannot be written', async () => {
    const prisma = database.db.prisma;
    const unopened = { ...deadline, reference: '2027-04' };
    const steps = [
      { ...opened, idempotencyKey: 'b1:APRIL_OPENED', deadline: unopened },
      { ...missed, idempotencyKey: 'b1:NO_SUCH_DEADLINE', deadline: { ...deadline, reference: '2027-05' } },
    ];
    await expect(activities.recordDeadlineSteps(steps)).rejects.toThrow();
    expect(await prisma.auditEvent.count({ where: { idempotencyKey: { startsWith: 'b1:APRIL' } } })).toBe(0);
    expect(await prisma.deadline.count({ where: { assignmentId: 'b1', reference: '2027-04' } })).toBe(0);
  });
});

describe('rows hashed before the key (legacy, unkeyed)', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const step = (i: number) =>
    recordOnce(
      database.db,
      {
        idempotencyKey: `legacy-${i}`,
        at: '2027-01-02T00:00:00.000Z',
        action: 'TEST',
        entityType: 'Test',
        entityId: `t${i}`,
      },
      async () => {},
    );

  /** Rehashes rows [from, to] with the unkeyed formula, as the service wrote them before the key. */
  async function unkeyed(from: number, to: number): Promise<void> {
    const prisma = database.db.prisma;
    const all = await prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    let prev = all.findLast((r) => r.seq < from)?.hash ?? GENESIS_HASH;
    for (const row of all.filter((r) => r.seq >= from && r.seq <= to)) {
      const hash = unkeyedAuditHash(prev, row);
      await prisma.auditEvent.update({ where: { seq: row.seq }, data: { prevHash: prev, hash } });
      prev = hash;
    }
  }

  it('accepts unkeyed rows before the first keyed row, which chains to them', async () => {
    for (let i = 0; i < 3; i += 1) await step(i);
    const prisma = database.db.prisma;
    const [first, , third] = await prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    await unkeyed(first!.seq, third!.seq);
    // The rows written since the upgrade chain to the last unkeyed one.
    for (let i = 3; i < 5; i += 1) await step(i);
    const verdict = await verifyAuditChain(prisma);
    expect(verdict).toMatchObject({ intact: true, rows: 5 });
    const all = await prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(all.map((r) => isKeyedHash(r.hash))).toEqual([false, false, false, true, true]);
  });

  it('refuses an unkeyed row after a keyed one, and a head behind its anchor', async () => {
    const prisma = database.db.prisma;
    const all = await prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    const last = all.at(-1)!;
    const anchor = { seq: last.seq, hash: last.hash, at: '2027-01-03T00:00:00.000Z' };
    expect(await verifyAuditChain(prisma, { anchor })).toMatchObject({ intact: true });

    await prisma.auditEvent.delete({ where: { seq: last.seq } });
    expect(await verifyAuditChain(prisma, { anchor })).toMatchObject({
      intact: false,
      reason: 'truncated',
      firstBrokenSeq: all.at(-2)!.seq + 1,
      message: expect.stringMatching(/^TRUNCATED: rows after seq \d+ were deleted/) as unknown,
    });

    // A new row chained after the keyed ones, rehashed with the old formula: refused, though its link holds.
    await step(9);
    const newest = (await prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } })).seq;
    await unkeyed(newest, newest);
    expect(await verifyAuditChain(prisma)).toMatchObject({ intact: false, reason: 'unkeyed', firstBrokenSeq: newest });
  });
});
