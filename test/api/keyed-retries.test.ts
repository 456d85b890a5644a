/**
 * Keyed retries and bounded waits: what a caller who retries with the same `Idempotency-Key`
 * gets after a fault, and the order a workflow's writes land in while one of them is held up. The fault is real
 * time: the first write of an approval waits (as behind a held database lock) longer than the API's bound on a
 * Temporal call; everything else is the real server, worker, activities and database.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activities } from '../../activities';
import { dayOf } from '../../machines/calendar';
import { type AssignmentView, assignmentStateQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflowId } from '../../workflows/ids';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

const HELD_WRITE_MS = 5_000;
const BOUND_MS = 2_000;

/** Assignments whose approval write is held up, as if the database's write lock were held, on its first attempt. */
const heldApprovals = new Set<string>();
const holdApprovals = (real: Activities): Activities => ({
  ...real,
  async recordAssignmentTransition(transition) {
    if (transition.action === 'APPOINTMENT_APPROVED' && heldApprovals.delete(transition.entityId)) {
      await sleep(HELD_WRITE_MS);
    }
    return real.recordAssignmentTransition(transition);
  },
});

let suite: ApiSuite;
const headUserId = async () => (await suite.h.db.prisma.user.findUniqueOrThrow({ where: { username: USERS.head } })).id;
const serverDay = async () => dayOf(await suite.h.env.currentTimeMs());

beforeAll(async () => {
  suite = await startApiSuite(undefined, { activities: holdApprovals, temporalCallBoundMs: BOUND_MS });
});

afterAll(async () => {
  await suite?.close();
});

async function propose(areaId: string, officialId: string, key: string, effectiveFrom?: string) {
  return suite.api.call(
    'POST',
    '/assignments',
    USERS.head,
    { areaId, officialId, effectiveFrom: effectiveFrom ?? (await serverDay()), reason: 'Phân công theo dõi địa bàn' },
    { 'idempotency-key': key },
  );
}

describe('a keyed retry after a fault answers as the first attempt, and nothing is doubled', () => {
  it('12.1: a proposal whose key was freed by a 5xx is retried into the same assignment, not a second one', async () => {
    const first = await propose('area-na-hoangmai', 'official-cb-004', 'retry-proposal-1');
    expect(first.statusCode, first.body).toBe(201);
    const { assignmentId } = first.json<AssignmentView>();

    // A 5xx after the workflow started frees the key (api/idempotency.ts does not store a 5xx).
    await suite.h.db.prisma.idempotencyRecord.delete({
      where: { userId_key: { userId: await headUserId(), key: 'retry-proposal-1' } },
    });
    const retry = await propose('area-na-hoangmai', 'official-cb-004', 'retry-proposal-1');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json<AssignmentView>().assignmentId).toBe(assignmentId);
    expect(retry.headers.location).toBe(`/assignments/${assignmentId}`);
    expect(await suite.h.db.prisma.assignment.count({ where: { areaId: 'area-na-hoangmai' } })).toBe(1);
    expect(await suite.h.db.prisma.approvalRequest.count({ where: { assignmentId } })).toBe(1);

    // The same key for another proposal is not mistaken for the first.
    await suite.h.db.prisma.idempotencyRecord.delete({
      where: { userId_key: { userId: await headUserId(), key: 'retry-proposal-1' } },
    });
    const other = await propose('area-na-dienchau', 'official-cb-005', 'retry-proposal-1');
    expect(other.statusCode, other.body).toBe(422);
    expect(errorOf(other).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('12.2: a key left "in progress" by a request that died is taken over after its lease and learns the outcome', async () => {
    const first = await propose('area-na-tinhdoan', 'official-cb-006', 'cut-off-1');
    expect(first.statusCode, first.body).toBe(201);
    const { assignmentId } = first.json<AssignmentView>();
    const where = { userId_key: { userId: await headUserId(), key: 'cut-off-1' } };

    // As a kill -9 mid-request leaves it: claimed, no answer stored. While the lease runs: 409 with Retry-After.
    await suite.h.db.prisma.idempotencyRecord.update({
      where,
      data: { statusCode: null, responseBody: null, createdAt: new Date() },
    });
    const held = await propose('area-na-tinhdoan', 'official-cb-006', 'cut-off-1');
    expect(held.statusCode, held.body).toBe(409);
    expect(errorOf(held).code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);

    // Past the lease the retry handles the request again and finds what the first attempt did.
    await suite.h.db.prisma.idempotencyRecord.update({ where, data: { createdAt: new Date(Date.now() - 61_000) } });
    const retry = await propose('area-na-tinhdoan', 'official-cb-006', 'cut-off-1');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json<AssignmentView>().assignmentId).toBe(assignmentId);
    expect(await suite.h.db.prisma.assignment.count({ where: { areaId: 'area-na-tinhdoan' } })).toBe(1);
    expect((await suite.h.db.prisma.idempotencyRecord.findUniqueOrThrow({ where })).statusCode).toBe(201);
  });

  describe('an approval whose write is held up (a held database lock)', () => {
    let assignmentId: string;
    const approve = async () =>
      suite.api.call(
        'POST',
        `/assignments/${assignmentId}/approve`,
        USERS.leader,
        { decision: { number: '71-QĐ/BTCTU', issuedOn: await serverDay(), signerId: 'official-ld-02' } },
        { 'idempotency-key': 'held-approval-1' },
      );

    it('11.2: the request waits no longer than its bound, then answers 504 with Retry-After', async () => {
      const proposed = await propose('area-na-thaihoa', 'official-cb-007', 'held-proposal-1');
      expect(proposed.statusCode, proposed.body).toBe(201);
      assignmentId = proposed.json<AssignmentView>().assignmentId;
      heldApprovals.add(assignmentId);

      const started = Date.now();
      const response = await approve();
      expect(response.statusCode, response.body).toBe(504);
      expect(errorOf(response).code).toBe('TEMPORAL_TIMEOUT');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(HELD_WRITE_MS);
    });

    it("12.4: the workflow's writes land in the machine's order; the read model ends where the workflow is", async () => {
      const handle = suite.h.client.workflow.getHandle(assignmentWorkflowId(assignmentId));
      // The effective date is today: the workflow starts the assignment while the approval's write is held.
      await expect
        .poll(async () => (await handle.query(assignmentStateQuery)).state, { timeout: 20_000, interval: 250 })
        .toBe('active.serving');
      await expect
        .poll(async () => (await suite.h.db.prisma.auditEvent.count({ where: { assignmentId } })) >= 3 || undefined, {
          timeout: 20_000,
          interval: 250,
        })
        .toBe(true);
      const trail = await suite.h.db.prisma.auditEvent.findMany({
        where: { assignmentId },
        orderBy: { seq: 'asc' },
        select: { action: true, toState: true },
      });
      expect(trail.map((e) => e.action)).toEqual(['ASSIGNMENT_PROPOSED', 'APPOINTMENT_APPROVED', 'ASSIGNMENT_STARTED']);
      const row = await suite.h.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
      expect(row.state).toBe(trail.at(-1)!.toState);
      expect(row.state).toBe('active.serving');
    });

    it('12.3: the retry of the approval that did land answers 200 with its outcome, not 409 "refused"', async () => {
      const retry = await approve();
      expect(retry.statusCode, retry.body).toBe(200);
      expect(retry.json<AssignmentView>().assignmentId).toBe(assignmentId);
      expect(await suite.h.db.prisma.decision.count({ where: { number: '71-QĐ/BTCTU' } })).toBe(1);
      expect(
        await suite.h.db.prisma.auditEvent.count({ where: { assignmentId, action: 'APPOINTMENT_APPROVED' } }),
      ).toBe(1);
    });
  });
});
