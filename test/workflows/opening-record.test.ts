/**
 * An update sent right after a start can reach the run in its first task, before the run has recorded anything. On
 * the dev server, a complaint is started on a queue no worker polls yet and the auditor's first step is sent at once:
 * when the worker comes, the start and the update are in the same task. The step waits for the complaint's filing,
 * lands after it, and the history carries the patch that says the handler waited.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { verifyAuditChain } from '../../domain/audit/chain';
import { DEFAULT_POLICY } from '../../machines/policy';
import { dayOf } from '../../machines/calendar';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { recordVerificationUpdate, startVerificationUpdate } from '../../workflows/complaint.messages';
import { complaintWorkflow } from '../../workflows/complaint.workflow';
import { assignmentWorkflowId, complaintWorkflowId } from '../../workflows/ids';
import { WORKFLOW_FAILURE_ERROR_TYPES } from '../../workflows/task-queue';
import { type Directory, loadDirectory } from '../support/directory';
import { recordHistories } from '../support/histories';
import { freshDatabase, workflowBundle } from '../support/lifecycle-harness';
import { Started } from '../support/started';
import { startDevServerEnv } from '../support/temporal';

describe('a step sent before the run has recorded its opening', () => {
  const started = new Started();
  let env: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof freshDatabase>>['db'];
  let people: Directory;
  let bundle: Awaited<ReturnType<typeof workflowBundle>>;
  const taskQueue = `opening-record-${Math.random().toString(36).slice(2)}`;

  /** A worker on the queue, from now until the suite ends. */
  const startWorker = async (queue: string) => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queue,
      workflowBundle: bundle,
      activities: createActivities({ db, temporal: { client: env.client, taskQueue: queue } }),
      workflowFailureErrorTypes: WORKFLOW_FAILURE_ERROR_TYPES,
    });
    const running = worker.run();
    started.keep(worker, async (w) => {
      w.shutdown();
      await running;
    });
  };

  beforeAll(async () => {
    const [devEnv, database, code] = await Promise.all([
      started.add(startDevServerEnv(), (e) => e.teardown()),
      started.add(freshDatabase(), (d) => d.dispose()),
      workflowBundle(),
    ]);
    env = devEnv;
    db = database.db;
    bundle = code;
    people = await loadDirectory(db.prisma);
    await startWorker(taskQueue);
  }, 180_000);
  afterAll(async () => {
    await started.close();
  });

  it('an auditor starting a verification in the complaint’s first task: the filing lands first, then the step', async () => {
    const { client } = env;
    const assignmentId = 'opening-record';
    const official = people.specialists[0]!;
    const [leader] = people.leaders;
    const today = dayOf(Date.now());
    await client.workflow.start(assignmentWorkflow, {
      taskQueue,
      workflowId: assignmentWorkflowId(assignmentId),
      args: [
        {
          assignmentId,
          areaId: people.areas[0]!.id,
          officialId: official.id,
          proposedBy: people.departmentHead.id,
          reason: 'Phân công công chức theo dõi địa bàn',
          effectiveFrom: today,
          policy: DEFAULT_POLICY,
          appointedBy: {
            approver: leader!,
            decision: { number: '1-QĐ/BTCTU/OPENING', issuedOn: today, signerId: leader!.id },
          },
        },
      ],
    });
    await expect.poll(() => db.prisma.assignment.count({ where: { id: assignmentId } }), { timeout: 60_000 }).toBe(1);

    // The complaint's queue has no worker yet: its first task waits, and the update with it.
    const complaintQueue = `${taskQueue}-complaints`;
    const complaintId = 'c-first-task';
    const complaint = await client.workflow.start(complaintWorkflow, {
      taskQueue: complaintQueue,
      workflowId: complaintWorkflowId(complaintId),
      args: [
        {
          complaintId,
          assignmentId,
          assignmentWorkflowId: assignmentWorkflowId(assignmentId),
          officialId: official.id,
          filedBy: 'citizen-nguyen-van-a',
          summary: 'Phản ánh về việc công chức theo dõi địa bàn không nắm tình hình cơ sở',
          source: 'Đơn thư',
          headOfBoardId: people.headOfBoard.id,
          policy: DEFAULT_POLICY.complaint,
          nonWorkingDays: [],
        },
      ],
    });
    const verificationStarted = complaint.executeUpdate(startVerificationUpdate, { args: [{ actor: people.auditor }] });
    // The update is with the server before the worker comes (an admitted update shows in the description).
    await expect
      .poll(async () => (await complaint.describe()).raw.pendingWorkflowTask?.attempt ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await startWorker(complaintQueue);

    expect(await verificationStarted).toMatchObject({ state: expect.stringMatching(/^underVerification/) });
    await complaint.executeUpdate(recordVerificationUpdate, {
      args: [{ actor: people.auditor, outcome: 'UNFOUNDED', findings: 'Không có cơ sở' }],
    });
    expect(await complaint.result()).toEqual({ outcome: 'UNFOUNDED', action: undefined });

    // The handler waited: the history has the patch's marker, and the update was accepted in the first task.
    const { events } = await complaint.fetchHistory();
    const markers = (events ?? []).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
    expect(markers.length).toBeGreaterThan(0);
    const completedTasks = (events ?? []).filter((e) => e.workflowTaskCompletedEventAttributes);
    const accepted = (events ?? []).findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(Number(events?.[accepted]?.eventId)).toBeLessThan(Number(completedTasks[1]?.eventId ?? Infinity));

    const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } });
    expect(row.state).toBe('verifiedUnfounded');
    const actions = (
      await db.prisma.auditEvent.findMany({ where: { entityId: complaintId }, orderBy: { seq: 'asc' } })
    ).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['COMPLAINT_FILED', 'COMPLAINT_VERIFICATION_STARTED']);
    expect(actions).toContain('COMPLAINT_VERIFIED_UNFOUNDED');
    expect((await verifyAuditChain(db.prisma)).intact).toBe(true);
    await recordHistories(client, 'opening-record', [complaintWorkflowId(complaintId)]);
    await client.workflow.getHandle(assignmentWorkflowId(assignmentId)).terminate('test over');
  }, 240_000);
});
