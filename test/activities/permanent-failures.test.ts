/**
 * A write that can never land fails at once, non-retryable, with its cause, instead of the worker retrying
 * it for ever and wedging the workflow that sent it. Transient failures still retry.
 */
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { AssignmentTransition } from '../../activities/assignment-records';
import { failingPermanently } from '../../activities/permanent-failures';
import { freshDatabase } from '../support/lifecycle-harness';

describe('permanent activity failures are non-retryable', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let activities: ReturnType<typeof createActivities>;
  let proposal: AssignmentTransition;

  beforeAll(async () => {
    database = await freshDatabase();
    activities = createActivities({ db: database.db, temporal: undefined as never });
    const area = await database.db.prisma.area.findFirstOrThrow();
    const at = '2027-01-04T02:00:00.000Z';
    proposal = {
      idempotencyKey: 'assignment-p1:1:ASSIGNMENT_PROPOSED',
      at,
      action: 'ASSIGNMENT_PROPOSED',
      actorId: 'dept-head',
      entityType: 'Assignment',
      entityId: 'p1',
      toState: 'awaitingApproval',
      assignment: {
        id: 'p1',
        workflowId: 'assignment-p1',
        areaId: area.id,
        officialId: 'official-that-does-not-exist',
        proposedById: 'dept-head',
        effectiveFrom: at,
        rotationEligibleAt: at,
        rotationDueAt: at,
      },
    };
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const failureOf = async (promise: Promise<unknown>): Promise<ApplicationFailure> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  };

  it('a reference that does not hold (foreign key, P2003): non-retryable, nothing written', async () => {
    const failure = await failureOf(activities.recordAssignmentTransition(proposal));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('PrismaP2003');
    expect(await database.db.prisma.auditEvent.count({ where: { entityId: 'p1' } })).toBe(0);
  });

  it('a date out of range ("Invalid time value"): non-retryable', async () => {
    const failure = await failureOf(
      activities.recordAssignmentTransition({
        ...proposal,
        idempotencyKey: 'assignment-p1:1:bad-date',
        at: '0000-13-45T99:00:00Z',
      }),
    );
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('RangeError');
  });

  it('a transient failure (a lost connection, a busy database) is left to retry', async () => {
    const transient = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const error = await failingPermanently(async () => Promise.reject(transient))().catch((e: unknown) => e);
    expect(error).toBe(transient);
  });
});
