import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { verifyAuditChain } from '../../activities/audit-chain';
import type { AssignmentTransition } from '../../activities/assignment-records';
import { freshDatabase } from '../support/lifecycle-harness';

describe('audited writes', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let activities: ReturnType<typeof createActivities>;
  let proposal: AssignmentTransition;

  beforeAll(async () => {
    database = await freshDatabase();
    activities = createActivities({ db: database.db, temporal: undefined as never });
    const official = await database.db.prisma.official.findFirstOrThrow({ where: { position: 'SPECIALIST' } });
    const area = await database.db.prisma.area.findFirstOrThrow();
    const at = '2027-01-01T00:00:00.000Z';
    proposal = {
      idempotencyKey: 'assignment-a1:1:ASSIGNMENT_PROPOSED',
      at,
      action: 'ASSIGNMENT_PROPOSED',
      actorId: 'dept-head',
      entityType: 'Assignment',
      entityId: 'a1',
      toState: 'awaitingApproval',
      assignment: {
        id: 'a1',
        workflowId: 'assignment-a1',
        areaId: area.id,
        officialId: official.id,
        proposedById: 'dept-head',
        effectiveFrom: at,
        rotationEligibleAt: at,
        rotationDueAt: at,
      },
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
    expect(await verifyAuditChain(prisma)).toEqual({ intact: true, rows: 6 });
    const victim = await prisma.auditEvent.findFirstOrThrow({ where: { idempotencyKey: 'chain-2' } });
    await prisma.auditEvent.update({ where: { seq: victim.seq }, data: { actorId: 'someone-else' } });
    expect(await verifyAuditChain(prisma)).toMatchObject({ intact: false, firstBrokenSeq: victim.seq, reason: 'hash' });
  });
});
