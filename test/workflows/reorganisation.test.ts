import { Client, type Workflow, type WorkflowHandle } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalAssignments, signalMeetings } from '../../api/reorganisations/signals';
import { createArea } from '../../domain/areas/writes';
import type { Caller } from '../../domain/caller';
import type { ReorganizationForm } from '../../domain/reorganisations/form';
import { planReorganization } from '../../domain/reorganisations/plan';
import { recordReorganization } from '../../domain/reorganisations/record';
import type { Actor } from '../../machines/actor';
import { addDays, dayOf, startOfDay } from '../../machines/calendar';
import { DEFAULT_MEETING_POLICY } from '../../machines/meeting-policy';
import { DEFAULT_POLICY } from '../../machines/policy';
import { approveUpdate, assignmentStateQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import {
  type AreaReorganizedArgs,
  areaCeasedSignal,
  areaReorganizedSignal,
} from '../../workflows/cross-workflow.messages';
import { evaluationStateQuery } from '../../workflows/annual-evaluation.messages';
import { annualEvaluationWorkflow } from '../../workflows/annual-evaluation.workflow';
import { noticeFactsOf, noticeOf } from '../../labels/notifications';
import { annualEvaluationWorkflowId, assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { meetingWorkflowId, requestAttendanceUpdate } from '../../workflows/meeting.messages';
import { meetingWorkflow } from '../../workflows/meeting.workflow';
import { decisionBy, startActiveAssignment } from '../support/assignments';
import { recordHistories } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';
import { noonInVietnam } from '../support/scenario-driver';

/**
 * Communes A and B merged into C on 1 July, and a rename of R, on the time-skipping server. The year is the one after
 * the suite's "today" (in Vietnam), so 1 June and 1 July are ahead whatever the day and hour the suite runs at.
 * A hears of the merger in advance, B only on 2 July (recorded after its effective day): both end on 1 July.
 * Then, recorded as the route records them (the plan, the record, the signals): a merger on 1 October whose ceasing
 * unit's meeting after the day is cancelled with the reason while one before it is held, and a split on 1 November.
 */
describe('a reorganisation of the map, in the workflows', () => {
  let h: LifecycleHarness;
  let plain: Client;
  let year: number;
  let june: string;
  let july: string;
  let effectiveOn: string;
  beforeAll(async () => {
    h = await startLifecycleHarness();
    plain = new Client({ connection: h.env.connection });
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

  /**
   * A run's result, read through a plain client once the run is over (untilCompleted). The time-skipping client's
   * `result()` unlocks the server's clock for as long as the call takes, even for a run already over: the clock then
   * jumps to the next timers of the runs still going (R's month, here) while the test reads; and two such calls at once
   * unbalance the server's lock count ("Unbalanced lock and unlock calls", the second one retried while the clock runs).
   */
  const resultOf = <W extends Workflow>(handle: WorkflowHandle<W>) =>
    plain.workflow.getHandle<W>(handle.workflowId).result();

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
    // Waited for in real time, the server's clock held (no sleep runs): it moves at the wall clock's pace meanwhile.
    await untilCompleted([
      assignmentWorkflowId(a),
      assignmentWorkflowId(b),
      monthlyCycleWorkflowId(a, june),
      monthlyCycleWorkflowId(b, june),
      monthlyCycleWorkflowId(b, july),
    ]);
    const [finalA, finalB] = await Promise.all([resultOf(handleA), resultOf(handleB)]);
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
    // The reads above left the server's clock on the day the test moved it to: R's July plan is not yet due.
    expect(dayOf(await h.env.currentTimeMs())).toBe(`${july}-03`);
    // Its month's openings, written by the month's first workflow task: waited for in real time, the clock held.
    await expect
      .poll(() => h.db.prisma.deadline.count({ where: { assignmentId: r, reference: july, status: 'OPEN' } }), {
        timeout: 30_000,
      })
      .toBe(2);
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

  // ── recorded as the route records them: the plan, the record in one transaction, then the signals ──

  const HOUR_MS = 60 * 60 * 1000;
  const silent = { warn: () => undefined } as unknown as FastifyBaseLogger;
  const keeper = async (): Promise<Caller> => {
    const user = await h.db.prisma.user.findFirstOrThrow({
      where: { roles: { some: { role: 'ADMINISTRATOR' } } },
      orderBy: { id: 'asc' },
    });
    return { actor: { id: user.officialId ?? user.id, roles: ['ADMINISTRATOR'] }, userId: user.id };
  };
  const commune = async (code: string, officialCode: string, name: string) => {
    const id = `area-${code.toLowerCase()}`;
    await createArea(h.db, await keeper(), id, {
      code,
      officialCode,
      name,
      level: 'COMMUNE',
      kind: 'COMMUNE',
      parentId: null,
      validFrom: '2020-01-01',
    });
    return id;
  };
  const newUnit = (code: string, officialCode: string, name: string) => ({
    code,
    officialCode,
    name,
    level: 'COMMUNE' as const,
    kind: 'COMMUNE' as const,
    parentId: null,
  });
  /** The preview, then the record and the signals, as POST /reorganisations/preview and POST /reorganisations do. */
  const record = async (id: string, form: ReorganizationForm) => {
    const preview = await planReorganization(h.db.prisma, form);
    const recorded = await recordReorganization(h.db, await keeper(), id, form);
    const signals = await signalAssignments(h.client, silent, id, recorded.plan);
    const meetingSignals = await signalMeetings(h.client, silent, id, recorded.plan);
    return { preview, recorded, signals, meetingSignals };
  };
  /** Polls (real time) until the database says so. */
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (const giveUpAt = Date.now() + 30_000; !(await check());) {
      if (Date.now() > giveUpAt) throw new Error(`not after 30 s: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const inviteTo = (meetingId: string, areaId: string, assignmentId: string, official: Actor, day: string) =>
    h.client.workflow.start(meetingWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: meetingWorkflowId(meetingId),
      args: [
        {
          meetingId,
          areaId,
          assignmentId,
          groupId: undefined,
          body: 'BTV',
          startsAt: new Date(startOfDay(day) + 9 * HOUR_MS).toISOString(),
          place: 'Hội trường xã',
          agenda: 'Hội nghị Ban Thường vụ',
          invitedId: official.id,
          groupLeaderId: official.id,
          groupMemberIds: [official.id],
          leaderInChargeId: h.people.leaders[0]!.id,
          headOfBoardId: h.people.headOfBoard.id,
          recordedById: h.people.committeeOf(areaId).id,
          policy: DEFAULT_MEETING_POLICY,
          nonWorkingDays: [],
        },
      ],
    });
  const meetingTrail = async (meetingId: string) =>
    (
      await h.db.prisma.auditEvent.findMany({
        where: { OR: [{ entityId: meetingId }, { entityId: { contains: `/MEETING_` } }] },
        orderBy: { seq: 'asc' },
      })
    )
      .filter((r) => r.entityId === meetingId || r.entityId.split('/').includes(meetingId))
      .map((r) => r.action);

  it("a merger's ceasing unit: its meeting after the effective day is cancelled with AREA_REORGANIZED, charged to no one, as the preview said; one before the day is held", async () => {
    const october = `${year}-10-01`;
    const x = await commune('R-X', '97001', 'Xã Hưng Đông');
    const y = await commune('R-Y', '97002', 'Xã Hưng Lộc');
    const official = h.people.specialists[6]!;
    const assignmentId = 'reorg-x';
    await startActiveAssignment(h, { assignmentId, areaId: x, official, proposedBy: h.people.departmentHead });
    const [before, after] = ['reorg-x-meeting-before', 'reorg-x-meeting-after'];
    const beforeHandle = await inviteTo(before, x, assignmentId, official, `${year}-08-20`);
    const afterHandle = await inviteTo(after, x, assignmentId, official, `${year}-10-08`);
    await afterHandle.executeUpdate(requestAttendanceUpdate, { args: [{ actor: official }] });
    await until('both meetings recorded, the later one awaiting approval', async () => {
      const rows = await h.db.prisma.meeting.findMany({ where: { id: { in: [before, after] } } });
      const active = await h.db.prisma.assignment.count({
        where: { id: assignmentId, state: { startsWith: 'active' } },
      });
      return rows.length === 2 && rows.some((r) => r.state.startsWith('awaitingApproval')) && active === 1;
    });

    const { preview, recorded, meetingSignals } = await record('merger-xy', {
      kind: 'MERGE',
      legalBasis: { number: '1666/NQ-UBTVQH15', date: dayOf(await h.env.currentTimeMs()) },
      effectiveOn: october,
      predecessors: [
        { areaId: x, whole: true },
        { areaId: y, whole: true },
      ],
      successors: [newUnit('R-XY', '97003', 'Xã Hưng Nguyên')],
      newName: null,
      note: '',
    });
    // The preview lists the meeting after the day (cancelled), not the one before it; the record computes the same.
    expect(preview.meetings).toEqual([expect.objectContaining({ id: after, areaId: x, outcome: 'CANCELLED' })]);
    expect(recorded.plan.meetings).toEqual(preview.meetings);
    expect(meetingSignals).toEqual([{ meetingId: after, outcome: 'SIGNALLED' }]);
    // Told all the same, the meeting before the day is left to be held: the workflow itself keeps to the date.
    await beforeHandle.signal(areaReorganizedSignal, {
      reorganizationId: 'merger-xy',
      effectiveOn: october,
      outcome: 'CEASES',
      successorAreaIds: recorded.plan.successors.map((unit) => unit.id),
    });

    await h.sleepUntil(noonInVietnam(`${year}-10-02`));
    await untilCompleted([meetingWorkflowId(before), meetingWorkflowId(after), assignmentWorkflowId(assignmentId)]);
    expect(await resultOf(afterHandle)).toEqual({ state: 'cancelled' });
    expect(await resultOf(beforeHandle)).toEqual({ state: 'notAttended' });

    // What the preview said is what happened.
    for (const m of preview.meetings) {
      const row = await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: m.id } });
      expect(row.state === 'cancelled' ? 'CANCELLED' : 'CONTINUES').toBe(m.outcome);
    }
    const cancelled = await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: after } });
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: 'AREA_REORGANIZED', cancelledById: 'system' });
    // On the effective day (its first instant, by the workflow's own timer), not before.
    expect(cancelled.cancelledAt!.getTime()).toBeGreaterThanOrEqual(startOfDay(october));
    expect(cancelled.cancelledAt!.getTime()).toBeLessThan(startOfDay(october) + 60_000);
    const afterTrail = await meetingTrail(after);
    expect(afterTrail.slice(-2).sort()).toEqual([
      'MEETING_APPROVAL_DEADLINE_CANCELLED',
      'MEETING_CANCELLED_AREA_REORGANIZED',
    ]);
    // Charged to no one: the approval was neither missed nor escalated, nothing after the cancellation.
    expect(afterTrail.filter((a) => /MISSED|ESCALATED|NOT_APPROVED|NOT_ATTENDED/.test(a))).toEqual([]);
    const approval = await h.db.prisma.deadline.findFirstOrThrow({
      where: { assignmentId, subject: 'MEETING_APPROVAL', reference: { startsWith: `${after}/` } },
      include: { escalations: true },
    });
    expect(approval).toMatchObject({ status: 'CANCELLED', missedAt: null, escalations: [] });
    // The meeting before the day: untouched by the reorganisation, its own course (nobody asked; not attended).
    const beforeTrail = await meetingTrail(before);
    expect(beforeTrail.filter((a) => a.includes('AREA_REORGANIZED'))).toEqual([]);
    expect(beforeTrail).toContain('MEETING_NOT_ATTENDED');
    expect(await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: before } })).toMatchObject({
      state: 'notAttended',
      cancelReason: null,
    });
    // The assignment on the ceasing unit closed on the day with the reason.
    expect(await h.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).toMatchObject({
      state: 'closed',
      closureReason: 'AREA_REORGANIZED',
    });

    await recordHistories(h.client, 'meeting-area-reorganized', [meetingWorkflowId(before), meetingWorkflowId(after)]);
  });

  it("a split of W into S1 and S2: W's assignment closes with AREA_REORGANIZED, and a proposal for each new unit names W's official as candidate", async () => {
    const november = `${year}-11-01`;
    const w = await commune('R-W', '97011', 'Xã Diễn Châu');
    const official = h.people.specialists[7]!;
    const assignmentId = 'reorg-w';
    const { handle } = await startActiveAssignment(h, {
      assignmentId,
      areaId: w,
      official,
      proposedBy: h.people.departmentHead,
    });
    await until(
      'the assignment on W active in the records',
      async () =>
        (await h.db.prisma.assignment.count({ where: { id: assignmentId, state: { startsWith: 'active' } } })) === 1,
    );

    const { preview, recorded, signals } = await record('split-w', {
      kind: 'SPLIT',
      legalBasis: { number: '1670/NQ-UBTVQH15', date: dayOf(await h.env.currentTimeMs()) },
      effectiveOn: november,
      predecessors: [{ areaId: w, whole: true }],
      successors: [newUnit('R-S1', '97012', 'Xã Diễn Bắc'), newUnit('R-S2', '97013', 'Xã Diễn Nam')],
      newName: null,
      note: '',
    });
    const successorIds = recorded.plan.successors.map((unit) => unit.id);
    expect(successorIds).toHaveLength(2);
    expect(preview.assignments).toEqual([
      expect.objectContaining({
        id: assignmentId,
        outcome: 'CLOSES',
        reason: 'AREA_REORGANIZED',
        on: november,
        successorAreaIds: successorIds,
      }),
    ]);
    expect(signals).toEqual([{ assignmentId, outcome: 'SIGNALLED' }]);
    // A proposal per new unit in leadership's inbox, W's official a candidate on each, time served kept.
    expect(recorded.proposalIds).toHaveLength(2);
    const proposals = await h.db.prisma.approvalRequest.findMany({
      where: { id: { in: recorded.proposalIds } },
      orderBy: { areaId: 'asc' },
    });
    expect(proposals.map((p) => p.areaId)).toEqual([...successorIds].sort());
    for (const proposal of proposals) {
      expect(proposal).toMatchObject({ kind: 'AREA_SUCCESSOR', status: 'PENDING' });
      const payload = proposal.payload as { candidates: { officialId: string; assignmentId: string }[] };
      expect(payload.candidates).toEqual([expect.objectContaining({ officialId: official.id, assignmentId })]);
      expect(proposal.reason).toContain('Xã Diễn Châu');
    }

    await h.sleepUntil(noonInVietnam(`${year}-11-02`));
    await untilCompleted([assignmentWorkflowId(assignmentId)]);
    expect(await resultOf(handle)).toMatchObject({
      state: 'closed',
      closureReason: 'AREA_REORGANIZED',
      grounds: [],
      pendingProposal: null,
    });
    const row = await h.db.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(row).toMatchObject({ state: 'closed', closureReason: 'AREA_REORGANIZED', officialId: official.id });
    expect(row.closedAt?.toISOString()).toBe(new Date(startOfDay(november)).toISOString());
    // Nothing moved the official: no assignment on either new unit until leadership decides.
    expect(await h.db.prisma.assignment.count({ where: { areaId: { in: successorIds } } })).toBe(0);
  });

  it("an evaluation passed to the merger's successor: its request, reminder and miss go to the successor's committee, naming the successor with the former area", async () => {
    const x = 'area-r-x';
    const successor = (await h.db.prisma.area.findUniqueOrThrow({ where: { code: 'R-XY' } })).id;
    const official = h.people.specialists[6]!;
    const handle = await h.client.workflow.start(annualEvaluationWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: annualEvaluationWorkflowId('reorg-x', year),
      args: [
        {
          assignmentId: 'reorg-x',
          assignmentWorkflowId: assignmentWorkflowId('reorg-x'),
          areaId: x,
          officialId: official.id,
          year,
          parties: {
            filerIds: [official.id],
            groupLeaderId: official.id,
            leaderInChargeId: h.people.leaders[0]!.id,
            headOfBoardId: h.people.headOfBoard.id,
          },
          policy: DEFAULT_POLICY.evaluation,
          nonWorkingDays: [],
        },
      ],
    });
    // As the assignment tells it when the area ceases (workflows/assignment/reorganisation.ts).
    await handle.signal(areaCeasedSignal, {
      reorganizationId: 'merger-xy',
      effectiveOn: `${year}-10-01`,
      successorAreaIds: [successor],
    });
    const { dueAt } = await handle.query(evaluationStateQuery);
    await h.sleepUntil(noonInVietnam(addDays(dayOf(Date.parse(dueAt)), 1)));
    const committeeNotices = async () =>
      (
        await h.db.prisma.outboxMessage.findMany({
          where: { template: { startsWith: 'evaluation.' }, recipientRole: 'AREA_COMMITTEE' },
          orderBy: { createdAt: 'asc' },
        })
      )
        .map((m) => ({ template: m.template, payload: m.payload as Record<string, unknown> }))
        .filter((m) => m.payload.assignmentId === 'reorg-x');
    await until('the miss told to the committee', async () =>
      (await committeeNotices()).some((m) => m.template === 'evaluation.missed'),
    );
    const notices = await committeeNotices();
    // The first request went to X's committee; everything after the pass names the successor and X as its former self.
    expect(notices.map((m) => [m.template, m.payload.areaId, m.payload.formerAreaId])).toEqual([
      ['evaluation.requested', x, undefined],
      ['evaluation.requested', successor, x],
      ['evaluation.reminder', successor, x],
      ['evaluation.missed', successor, x],
    ]);
    // How the successor's committee reads them (the bell and the e-mail): the successor's name, then the former one.
    const [xName, successorName] = await Promise.all(
      [x, successor].map(async (id) => (await h.db.prisma.area.findUniqueOrThrow({ where: { id } })).name),
    );
    expect(
      noticeOf(
        noticeFactsOf('evaluation.reminder', notices[2]!.payload, { areaName: successorName, formerAreaName: xName }),
        'vi',
      ).title,
    ).toBe(`Nhắc hạn gửi nhận xét, đánh giá năm ${year} — địa bàn Xã Hưng Nguyên (trước đây: Xã Hưng Đông)`);
    await handle.terminate('the scenario ends here');
  });
});
