import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../machines/actor';
import { dayOf, startOfDay } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { approveUpdate, assignmentStateQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { type AreaReorganizedArgs, areaReorganizedSignal } from '../../workflows/cross-workflow.messages';
import { assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { decisionBy } from '../support/assignments';
import { recordHistories } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';
import { noonInVietnam } from '../support/scenario-driver';

/**
 * Communes A and B merged into C on 1 July, and a rename of R, on the time-skipping server. The year is the one after
 * the suite's "today" (in Vietnam), so 1 June and 1 July are ahead whatever the day and hour the suite runs at.
 * A hears of the merger in advance, B only on 2 July (recorded after its effective day): both end on 1 July.
 */
describe('a reorganisation of the map, in the workflows', () => {
  let h: LifecycleHarness;
  let year: number;
  let june: string;
  let july: string;
  let effectiveOn: string;
  beforeAll(async () => {
    h = await startLifecycleHarness();
    year = Number(dayOf(h.startedAt).slice(0, 4)) + 1;
    june = `${year}-06`;
    july = `${year}-07`;
    effectiveOn = `${july}-01`;
  });
  afterAll(async () => {
    await h?.close();
  });

  /** An assignment approved today, in effect from 1 June. */
  const appointFromJune = async (assignmentId: string, areaId: string, official: Actor) => {
    const today = dayOf(await h.env.currentTimeMs());
    const handle = await h.client.workflow.start(assignmentWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: assignmentWorkflowId(assignmentId),
      args: [
        {
          assignmentId,
          areaId,
          officialId: official.id,
          proposedBy: h.people.departmentHead.id,
          reason: 'Phân công công chức theo dõi địa bàn',
          effectiveFrom: `${june}-01`,
          policy: DEFAULT_POLICY,
        },
      ],
    });
    const approver = h.people.leaders[0]!;
    await handle.executeUpdate(approveUpdate, { args: [{ actor: approver, decision: decisionBy(approver, today) }] });
    return handle;
  };

  /** Polls (real time, not the server's) until the workflows have completed. */
  const untilCompleted = async (workflowIds: string[]) => {
    for (const giveUpAt = Date.now() + 60_000; ;) {
      const statuses = await Promise.all(
        workflowIds.map(async (id) => (await h.client.workflow.getHandle(id).describe()).status.name),
      );
      if (statuses.every((status) => status === 'COMPLETED')) return;
      if (Date.now() > giveUpAt) throw new Error(`not completed after 60 s: ${workflowIds} ${statuses}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const reorganization = (outcome: AreaReorganizedArgs['outcome'], id: string): AreaReorganizedArgs => ({
    reorganizationId: id,
    effectiveOn,
    outcome,
    successorAreaIds: outcome === 'CEASES' ? ['xa-c'] : [],
  });

  /** What a check before the effective day sees of an assignment's records dated before it. */
  const before = async (assignmentId: string) => ({
    audit: await h.db.prisma.auditEvent.findMany({
      where: { assignmentId, at: { lt: new Date(startOfDay(effectiveOn)) } },
      orderBy: { seq: 'asc' },
      select: { seq: true, action: true, at: true, hash: true },
    }),
    junePlan: await h.db.prisma.deadline.findMany({
      where: { assignmentId, subject: 'MONTHLY_PLAN', reference: june },
      include: { escalations: true },
    }),
  });

  it('closes A and B on 1 July with AREA_REORGANIZED, closes their open filings charged to no one, and keeps R running', async () => {
    const { people } = h;
    const [a, b, r] = ['reorg-a', 'reorg-b', 'reorg-r'];
    const handleA = await appointFromJune(a, people.areas[3]!.id, people.specialists[3]!);
    const handleB = await appointFromJune(b, people.areas[4]!.id, people.specialists[4]!);
    const handleR = await appointFromJune(r, people.areas[5]!.id, people.specialists[5]!);
    await handleA.signal(areaReorganizedSignal, reorganization('CEASES', 'merger-ab-c'));
    await handleR.signal(areaReorganizedSignal, reorganization('CONTINUES', 'rename-r'));

    // June runs as any month: A's and B's plans are missed and charged, before the merger.
    await h.sleepUntil(noonInVietnam(`${june}-30`));
    const beforeA = await before(a);
    const beforeB = await before(b);
    expect(beforeA.junePlan[0]).toMatchObject({ status: 'MISSED' });
    expect(await handleA.query(assignmentStateQuery)).toMatchObject({ state: 'active.serving', closureReason: null });

    // B hears of it only on 2 July, its July month already begun.
    await h.sleepUntil(noonInVietnam(`${july}-02`));
    expect(await handleB.query(assignmentStateQuery)).toMatchObject({ state: 'active.serving' });
    await handleB.signal(areaReorganizedSignal, reorganization('CEASES', 'merger-ab-c'));
    // Waited for in real time, the server's clock held: B's steps are local activities, which do not hold it.
    await untilCompleted([
      assignmentWorkflowId(a),
      assignmentWorkflowId(b),
      monthlyCycleWorkflowId(a, june),
      monthlyCycleWorkflowId(b, june),
      monthlyCycleWorkflowId(b, july),
    ]);
    const [finalA, finalB] = await Promise.all([handleA.result(), handleB.result()]);
    for (const final of [finalA, finalB]) {
      expect(final).toMatchObject({
        state: 'closed',
        closureReason: 'AREA_REORGANIZED',
        grounds: [],
        pendingProposal: null,
        areaLeftUnmonitored: false,
        successorAssignmentId: null,
      });
    }
    await h.sleepUntil(noonInVietnam(`${july}-03`));

    for (const id of [a, b]) {
      const row = await h.db.prisma.assignment.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ closureReason: 'AREA_REORGANIZED', state: 'closed' });
      expect(row.closedAt?.toISOString()).toBe(new Date(startOfDay(effectiveOn)).toISOString());
      // Nothing dated before 1 July changed: the same audit rows, the June plan's miss as it was.
      expect(await before(id)).toEqual(id === a ? beforeA : beforeB);
      const actions = (await h.db.prisma.auditEvent.findMany({ where: { assignmentId: id } })).map((e) => e.action);
      expect(actions).toContain('ASSIGNMENT_CLOSED_AREA_REORGANIZED');
      expect(actions).not.toContain('ASSIGNMENT_CLOSED');
      expect(
        actions.filter(
          (action) => action.startsWith('GROUND') || (action.endsWith('_PROPOSED') && action !== 'ASSIGNMENT_PROPOSED'),
        ),
      ).toEqual([]);
      // June's report, due after 1 July, closes with the reason: cancelled, not missed.
      const juneReport = await h.db.prisma.deadline.findUniqueOrThrow({
        where: { assignmentId_subject_reference: { assignmentId: id, subject: 'MONTHLY_REPORT', reference: june } },
        include: { escalations: true },
      });
      expect(juneReport).toMatchObject({ status: 'CANCELLED', missedAt: null, escalations: [] });
      // July charges no one: no miss, no escalation, no notice of either.
      const julyDeadlines = await h.db.prisma.deadline.findMany({
        where: { assignmentId: id, reference: july },
        include: { escalations: true },
      });
      for (const deadline of julyDeadlines) expect(deadline).toMatchObject({ status: 'CANCELLED', escalations: [] });
      const notices = await h.db.prisma.outboxMessage.findMany({
        where: { template: { contains: 'missed' }, createdAt: { gte: new Date(startOfDay(effectiveOn)) } },
      });
      expect(notices.filter((n) => (n.payload as { assignmentId?: string }).assignmentId === id)).toEqual([]);
    }
    // A heard of it in advance: no July month ever started. B's had begun: both its filings closed with the reason.
    expect(await h.db.prisma.deadline.count({ where: { assignmentId: a, reference: july } })).toBe(0);
    const closedB = await h.db.prisma.auditEvent.findMany({
      where: { assignmentId: b, action: { endsWith: '_CLOSED_AREA_REORGANIZED' }, entityType: 'Deadline' },
    });
    expect(closedB.map((e) => e.action).sort()).toEqual([
      'MONTHLY_PLAN_CLOSED_AREA_REORGANIZED',
      'MONTHLY_REPORT_CLOSED_AREA_REORGANIZED',
      'MONTHLY_REPORT_CLOSED_AREA_REORGANIZED',
    ]);

    // The rename keeps R's assignment running, its July month with it.
    expect(await handleR.query(assignmentStateQuery)).toMatchObject({ state: 'active.serving', closureReason: null });
    expect(await h.db.prisma.deadline.count({ where: { assignmentId: r, reference: july, status: 'OPEN' } })).toBe(2);
    const noted = await h.db.prisma.auditEvent.findMany({
      where: { assignmentId: r, action: 'AREA_REORGANIZATION_NOTED' },
    });
    expect(noted).toHaveLength(1);

    await recordHistories(h.client, 'area-reorganized', [
      assignmentWorkflowId(a),
      assignmentWorkflowId(b),
      monthlyCycleWorkflowId(a, june),
      monthlyCycleWorkflowId(b, july),
    ]);
  });
});
