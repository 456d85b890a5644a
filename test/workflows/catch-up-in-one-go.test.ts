/**
 * A catch-up in one go, on the real dev server (children: workflows/child-starts.ts). An assignment in force for ten
 * months starts late and catches them up without a timer: each month's start is issued without waiting for the server
 * to start it, so the months are started in a few workflow tasks instead of one each, and the programme's versions are
 * read once, each month taking the version in force on its first day as the records' own read says. The months' steps
 * are on record as when each start was awaited.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../domain/audit/chain';
import { assignmentPolicyInForce, policyInForce } from '../../domain/programmes/reads';
import { dayOf } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import type { Directory } from '../support/directory';
import { type DevServerWorker, startDevServerWorker } from '../support/dev-server-worker';
import { monthsBefore } from '../support/months';
import { recordHistories } from '../support/histories';
import { Started } from '../support/started';

interface JsonPayload {
  data?: string;
}
interface JsonEvent {
  eventId: string;
  eventType: string;
  markerRecordedEventAttributes?: { markerName: string; details?: Record<string, { payloads?: JsonPayload[] }> };
  startChildWorkflowExecutionInitiatedEventAttributes?: { workflowId: string; workflowTaskCompletedEventId: string };
  workflowExecutionStartedEventAttributes?: { input?: { payloads?: JsonPayload[] } };
}
const decoded = (payload: JsonPayload | undefined) => Buffer.from(payload?.data ?? '', 'base64').toString('utf8');

describe('a catch-up in one go, on the dev server', () => {
  const started = new Started();
  let env: TestWorkflowEnvironment;
  let db: DevServerWorker['db'];
  let people: Directory;
  let taskQueue: string;

  beforeAll(async () => {
    ({ env, db, people, taskQueue } = await startDevServerWorker(started, 'catch-up-in-one-go'));
  }, 180_000);
  afterAll(async () => {
    await started.close();
  });

  it('starts the months of a catch-up in fewer workflow tasks than months, each under its version', async () => {
    const { client } = env;
    // The worker's clock and the dev server's are this machine's: the months are counted from today in Vietnam.
    const currentMonth = dayOf(Date.now()).slice(0, 7);
    const effectiveFrom = `${monthsBefore(currentMonth, 10)}-01`;
    const assignmentId = 'caught-up-in-one-go';
    const workflowId = assignmentWorkflowId(assignmentId);
    const [leader] = people.leaders;

    // A version published in force from six months back: the months before keep the version they had.
    const first = await policyInForce(db.prisma, DEFAULT_PROGRAMME_ID, '2000-01-01');
    const label = 'test.catch-up-in-one-go';
    await db.prisma.programmeVersion.create({
      data: {
        id: 'version-catch-up-in-one-go',
        programmeId: DEFAULT_PROGRAMME_ID,
        label,
        policy: { ...first.policy, version: label },
        effectiveFrom: `${monthsBefore(currentMonth, 6)}-01`,
        publishedById: leader!.id,
      },
    });

    await client.workflow.start(assignmentWorkflow, {
      taskQueue,
      workflowId,
      args: [
        {
          assignmentId,
          areaId: people.areas[1]!.id,
          officialId: people.specialists[1]!.id,
          proposedBy: people.departmentHead.id,
          reason: 'Phân công từ 10 tháng trước',
          effectiveFrom,
          policy: DEFAULT_POLICY,
          appointedBy: {
            approver: leader!,
            decision: { number: '1-QĐ/BTCTU/ONE-GO', issuedOn: effectiveFrom, signerId: leader!.id },
          },
        },
      ],
    });

    // Every month to this one started, by this one run (no anniversary yet); the ones well past settled.
    const months = Array.from({ length: 11 }, (_, i) => monthsBefore(currentMonth, 10 - i));
    const settled = months.slice(0, 8);
    for (const month of settled) {
      const handle = client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month));
      await expect
        .poll(async () => (await handle.describe().catch(() => undefined))?.status.name, { timeout: 240_000 })
        .toBe('COMPLETED');
      expect(await handle.result()).toEqual({ plan: 'closed', report: 'closed' });
    }
    const events = async (id: string): Promise<JsonEvent[]> =>
      (JSON.parse(historyToJSON(await client.workflow.getHandle(id).fetchHistory())) as { events: JsonEvent[] }).events;
    const monthIds = months.map((m) => monthlyCycleWorkflowId(assignmentId, m));
    const monthStartsIn = (all: JsonEvent[]) =>
      all.flatMap((e) => {
        const start = e.startChildWorkflowExecutionInitiatedEventAttributes;
        return start && monthIds.includes(start.workflowId) ? [start] : [];
      });
    await expect
      .poll(async () => monthStartsIn(await events(workflowId)).length, { timeout: 60_000 })
      .toBe(months.length);
    const history = await events(workflowId);

    // The months' starts: each once, issued in fewer workflow tasks than months (one each when each was awaited).
    const monthStarts = monthStartsIn(history);
    expect(monthStarts.map((s) => s.workflowId)).toEqual(monthIds);
    const tasks = new Set(monthStarts.map((s) => s.workflowTaskCompletedEventId));
    expect(tasks.size).toBeLessThan(months.length / 2);

    // The versions read once for the catch-up, not the version in force once a month.
    const localActivities = history
      .flatMap((e) => (e.markerRecordedEventAttributes?.markerName === 'core_local_activity' ? [e] : []))
      .map((e) => Object.values(e.markerRecordedEventAttributes!.details ?? {}).map((d) => decoded(d.payloads?.[0])));
    const named = (name: string) => localActivities.filter((details) => details.some((d) => d.includes(name))).length;
    expect(named('readProgrammeVersions')).toBe(1);
    expect(named('readPolicyInForce')).toBeLessThan(months.length);

    // Each month under the version the records say was in force on its first day: the first, then the new one.
    const labels: string[] = [];
    for (const month of months) {
      const [startedEvent] = await events(monthlyCycleWorkflowId(assignmentId, month));
      const [input] = startedEvent!.workflowExecutionStartedEventAttributes!.input!.payloads!;
      const { policyVersion } = JSON.parse(decoded(input)) as { policyVersion: { label: string; programmeId: string } };
      const inForce = await assignmentPolicyInForce(db.prisma, assignmentId, `${month}-01`);
      expect(policyVersion).toEqual({ programmeId: inForce.programmeId, label: inForce.label });
      labels.push(policyVersion.label);
    }
    expect(labels).toContain(label);
    expect(new Set(labels).size).toBeGreaterThanOrEqual(2);

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

    await recordHistories(client, 'catch-up-in-one-go', [workflowId]);
  }, 420_000);
});
