/**
 * Months and evaluations started as child workflows, on the real dev server (the time-skipping server cannot run them:
 * workflows/child-starts.ts). An assignment in force for sixteen months catches up: its first run passes the first
 * anniversary (four months back) and continues as new, and every past month is started by the run of its time, as a
 * child abandoned by that run, its id derived from the assignment. A month already started under its id (here by hand,
 * on a queue no worker polls) counts as started: the assignment goes on to the next month and leaves it alone.
 */
import { WorkflowIdReusePolicy } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../domain/audit/chain';
import { dayOf } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import type { Directory } from '../support/directory';
import { type DevServerWorker, startDevServerWorker } from '../support/dev-server-worker';
import { monthsBefore } from '../support/months';
import { recordHistories } from '../support/histories';
import { Started } from '../support/started';

describe('months started as child workflows, on the dev server', () => {
  const started = new Started();
  let env: TestWorkflowEnvironment;
  let db: DevServerWorker['db'];
  let people: Directory;
  let taskQueue: string;

  beforeAll(async () => {
    ({ env, db, people, taskQueue } = await startDevServerWorker(started, 'months-as-children'));
  }, 180_000);
  afterAll(async () => {
    await started.close();
  });

  it('starts each month as a child that outlives its run, its id from the assignment, once', async () => {
    const { client } = env;
    // The worker's clock and the dev server's are this machine's: the months are counted from today in Vietnam.
    const currentMonth = dayOf(Date.now()).slice(0, 7);
    const effectiveFrom = `${monthsBefore(currentMonth, 16)}-01`;
    const assignmentId = 'children';
    const workflowId = assignmentWorkflowId(assignmentId);
    const [leader] = people.leaders;

    // A month already started under its id: the assignment's start of it finds it there.
    const taken = monthsBefore(currentMonth, 10);
    const takenHandle = await client.workflow.start('monthlyCycleWorkflow', {
      taskQueue: `${taskQueue}-nobody`,
      workflowId: monthlyCycleWorkflowId(assignmentId, taken),
      args: [],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });

    await client.workflow.start(assignmentWorkflow, {
      taskQueue,
      workflowId,
      args: [
        {
          assignmentId,
          areaId: people.areas[0]!.id,
          officialId: people.specialists[0]!.id,
          proposedBy: people.departmentHead.id,
          reason: 'Phân công từ 16 tháng trước',
          effectiveFrom,
          policy: DEFAULT_POLICY,
          appointedBy: {
            approver: leader!,
            decision: { number: '1-QĐ/BTCTU/CHILDREN', issuedOn: effectiveFrom, signerId: leader!.id },
          },
        },
      ],
    });

    // The months well past are settled; the first of them started by the first run, the last ones by the next.
    const settled = Array.from({ length: 14 }, (_, i) => monthsBefore(currentMonth, 16 - i)).filter((m) => m !== taken);
    for (const month of settled) {
      const handle = client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month));
      await expect
        .poll(async () => (await handle.describe().catch(() => undefined))?.status.name, { timeout: 240_000 })
        .toBe('COMPLETED');
      expect(await handle.result()).toEqual({ plan: 'closed', report: 'closed' });
    }
    const runs = new Set<string>();
    for (const month of settled) {
      const described = await client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month)).describe();
      expect(described.parentExecution?.workflowId).toBe(workflowId);
      runs.add(String(described.parentExecution?.runId));
    }
    // Started by two runs at least (the first continued as new at the anniversary), and outliving the first.
    expect(runs.size).toBeGreaterThanOrEqual(2);
    const statuses = await Promise.all(
      [...runs].map(async (runId) => (await client.workflow.getHandle(workflowId, runId).describe()).status.name),
    );
    expect(statuses).toContain('CONTINUED_AS_NEW');

    // The month started by hand is left as it was: still the one started, waiting for a worker.
    const takenNow = await client.workflow.getHandle(takenHandle.workflowId).describe();
    expect(takenNow.runId).toBe(takenHandle.firstExecutionRunId);
    expect(takenNow.status.name).toBe('RUNNING');
    expect(takenNow.parentExecution).toBeUndefined();
    await takenHandle.terminate('test over');

    // Each settled month's steps are on record once, in order; the chain holds.
    for (const month of settled) {
      const rows = await db.prisma.auditEvent.findMany({
        where: { entityId: `${assignmentId}/MONTHLY_PLAN/${month}` },
        orderBy: { seq: 'asc' },
      });
      expect(rows.map((row) => row.action)).toEqual([
        'MONTHLY_PLAN_DEADLINE_OPENED',
        'MONTHLY_PLAN_REMINDER_SENT',
        'MONTHLY_PLAN_DEADLINE_MISSED',
        'MONTHLY_PLAN_ESCALATED',
        'MONTHLY_PLAN_NOT_FILED',
      ]);
    }
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ intact: true });

    await recordHistories(client, 'months-as-children', [
      workflowId,
      monthlyCycleWorkflowId(assignmentId, settled.at(-1)!),
    ]);
  }, 420_000);
});
