/**
 * An update sent right after a start can reach the run in its first task, before the run has recorded anything. On
 * the dev server, a complaint is started on a queue no worker polls yet and the auditor's first step is sent at once:
 * when the worker comes, the start and the update are in the same task. The step waits for the complaint's filing and
 * lands after it. The same for a signal telling an evaluation that its area ceases, sent before its first task.
 */
import type { WorkflowHandle } from '@temporalio/client';
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
import { annualEvaluationWorkflowId, assignmentWorkflowId, complaintWorkflowId } from '../../workflows/ids';
import { annualEvaluationWorkflow } from '../../workflows/annual-evaluation.workflow';
import { areaCeasedSignal } from '../../workflows/cross-workflow.messages';
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

  const assignmentId = 'opening-record';
  let assignmentStarted: Promise<void> | undefined;
  /** The assignment a complaint or an evaluation is about, approved on start, once for the suite. */
  const assignmentOnRecord = () => (assignmentStarted ??= startAssignment());
  const startAssignment = async () => {
    const { client } = env;
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
  };

  /** Starts the worker of a queue once the server holds a workflow's first task and what was sent with it. */
  const workerAfterFirstTask = async (handle: WorkflowHandle, queue: string) => {
    await expect.poll(async () => (await handle.describe()).raw.pendingWorkflowTask, { timeout: 30_000 }).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await startWorker(queue);
  };

  /** Whether a signal reached the run before its first task started: the race this suite makes. */
  const signalledBeforeFirstTask = async (handle: WorkflowHandle) => {
    const events = (await handle.fetchHistory()).events ?? [];
    const signalled = events.findIndex((e) => e.workflowExecutionSignaledEventAttributes);
    const started = events.findIndex((e) => e.workflowTaskStartedEventAttributes);
    return signalled >= 0 && signalled < started;
  };

  it('an auditor starting a verification in the complaint’s first task: the filing lands first, then the step', async () => {
    const { client } = env;
    await assignmentOnRecord();
    const official = people.specialists[0]!;

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
    // The update is with the server before the worker comes.
    await workerAfterFirstTask(complaint, complaintQueue);

    expect(await verificationStarted).toMatchObject({ state: expect.stringMatching(/^underVerification/) });
    await complaint.executeUpdate(recordVerificationUpdate, {
      args: [{ actor: people.auditor, outcome: 'UNFOUNDED', findings: 'Không có cơ sở' }],
    });
    expect(await complaint.result()).toEqual({ outcome: 'UNFOUNDED', action: undefined });

    const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } });
    expect(row.state).toBe('verifiedUnfounded');
    const actions = (
      await db.prisma.auditEvent.findMany({ where: { entityId: complaintId }, orderBy: { seq: 'asc' } })
    ).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['COMPLAINT_FILED', 'COMPLAINT_VERIFICATION_STARTED']);
    expect(actions).toContain('COMPLAINT_VERIFIED_UNFOUNDED');
    expect((await verifyAuditChain(db.prisma)).intact).toBe(true);
    await recordHistories(client, 'opening-record', [complaintWorkflowId(complaintId)]);
  }, 240_000);

  it('an area ceasing, told in the evaluation’s first task: the request lands first, then the pass to the successor', async () => {
    const { client } = env;
    await assignmentOnRecord();
    const official = people.specialists[0]!;
    const [area, successor] = [people.areas[0]!.id, people.areas[1]!.id];
    const year = Number(dayOf(Date.now()).slice(0, 4));
    const queue = `${taskQueue}-evaluations`;
    const evaluation = await client.workflow.start(annualEvaluationWorkflow, {
      taskQueue: queue,
      workflowId: annualEvaluationWorkflowId(assignmentId, year),
      args: [
        {
          assignmentId,
          assignmentWorkflowId: assignmentWorkflowId(assignmentId),
          areaId: area,
          officialId: official.id,
          year,
          parties: {
            filerIds: [official.id],
            groupLeaderId: official.id,
            leaderInChargeId: people.leaders[0]!.id,
            headOfBoardId: people.headOfBoard.id,
          },
          policy: DEFAULT_POLICY.evaluation,
          nonWorkingDays: [],
        },
      ],
    });
    await evaluation.signal(areaCeasedSignal, {
      reorganizationId: 'merger-opening',
      effectiveOn: `${year}-12-31`,
      successorAreaIds: [successor],
    });
    await workerAfterFirstTask(evaluation, queue);

    const committeeRequests = async () =>
      (
        await db.prisma.outboxMessage.findMany({
          where: { template: 'evaluation.requested', recipientRole: 'AREA_COMMITTEE' },
          orderBy: { createdAt: 'asc' },
        })
      )
        .map((m) => m.payload as Record<string, unknown>)
        .filter((payload) => payload.assignmentId === assignmentId)
        .map((payload) => [payload.areaId, payload.formerAreaId]);
    await expect.poll(committeeRequests, { timeout: 60_000 }).toEqual([
      [area, undefined],
      [successor, area],
    ]);
    expect(await signalledBeforeFirstTask(evaluation)).toBe(true);
    expect((await verifyAuditChain(db.prisma)).intact).toBe(true);
    await recordHistories(client, 'opening-record', [annualEvaluationWorkflowId(assignmentId, year)]);
    await evaluation.terminate('test over');
    await client.workflow.getHandle(assignmentWorkflowId(assignmentId)).terminate('test over');
  }, 240_000);
});
