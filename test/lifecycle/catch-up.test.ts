/**
 * An assignment in force for months before its workflow started catches up at once. Each month already
 * past takes its deadline steps as they fell due and writes them together (one transaction per month, not one per
 * step); every step is on record once, in the machine's order, and the audit chain holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../domain/audit/chain';
import { dayOf } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { monthsBefore } from '../support/months';
import { recordHistories } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

describe('catching up on months already past', () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('writes each past month’s steps once, in order, with the chain intact', async () => {
    const currentMonth = dayOf(h.startedAt).slice(0, 7);
    const effectiveFrom = `${monthsBefore(currentMonth, 4)}-01`;
    const [leader] = h.people.leaders;
    const assignmentId = 'caught-up';
    await h.client.workflow.start(assignmentWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: assignmentWorkflowId(assignmentId),
      args: [
        {
          assignmentId,
          areaId: h.people.areas[0]!.id,
          officialId: h.people.specialists[0]!.id,
          proposedBy: h.people.departmentHead.id,
          reason: 'Phân công từ 4 tháng trước',
          effectiveFrom,
          policy: DEFAULT_POLICY,
          appointedBy: {
            approver: leader!,
            decision: { number: '1-QĐ/BTCTU/CATCHUP', issuedOn: effectiveFrom, signerId: leader!.id },
          },
        },
      ],
    });

    // The two oldest months are settled: both deadlines closed as not filed.
    const settled = [monthsBefore(currentMonth, 4), monthsBefore(currentMonth, 3)];
    for (const month of settled) {
      const handle = h.client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month));
      await expect
        .poll(async () => (await handle.describe().catch(() => undefined))?.status.name, { timeout: 60_000 })
        .toBe('COMPLETED');
      expect(await handle.result()).toEqual({ plan: 'closed', report: 'closed' });
      for (const item of ['PLAN', 'REPORT'] as const) {
        const rows = await h.db.prisma.auditEvent.findMany({
          where: { entityId: `${assignmentId}/MONTHLY_${item}/${month}` },
          orderBy: { seq: 'asc' },
        });
        expect(rows.map((row) => row.action)).toEqual([
          `MONTHLY_${item}_DEADLINE_OPENED`,
          `MONTHLY_${item}_REMINDER_SENT`,
          `MONTHLY_${item}_DEADLINE_MISSED`,
          `MONTHLY_${item}_ESCALATED`,
          `MONTHLY_${item}_NOT_FILED`,
        ]);
      }
    }
    expect(await verifyAuditChain(h.db.prisma)).toMatchObject({ intact: true });
    await recordHistories(h.client, 'month-caught-up', [monthlyCycleWorkflowId(assignmentId, settled[0]!)]);
  });
});
