/**
 * An official who continues on the unit a merger formed keeps their years served for rotation. On the time-skipping
 * server, from the suite's own quiet "today": A (its assignment in force since three years less 30 days ago) and B
 * merge into C ten days ahead; D and E into F. Leadership settles C's proposal with A's official: the settlement names
 * the years carried, and C's assignment becomes eligible for rotation on the third anniversary of A's start, 30 days
 * ahead. F's proposal is settled with an official who monitored none of its predecessors: nothing is carried, and the
 * rotation counts from F's own start. B's official, who did not continue, carries nothing anywhere.
 */
import type { FastifyBaseLogger } from 'fastify';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalAssignments, signalYearsCarried } from '../../api/reorganisations/signals';
import { createArea } from '../../domain/areas/writes';
import { validateRoster } from '../../domain/assignments/import';
import type { RosterRow } from '../../domain/assignments/roster-csv';
import type { Caller } from '../../domain/caller';
import type { ReorganizationForm } from '../../domain/reorganisations/form';
import { recordReorganization } from '../../domain/reorganisations/record';
import { settleSuccessorProposal } from '../../domain/reorganisations/successor-proposals';
import type { Actor } from '../../machines/actor';
import { addDays, addYears, dayOf, startOfDay } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { approveUpdate, assignmentStateQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { assignmentWorkflowId } from '../../workflows/ids';
import { decisionBy } from '../support/assignments';
import { historiesDir } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';
import { noonInVietnam } from '../support/scenario-driver';

describe('years served carried to the successor unit', () => {
  let h: LifecycleHarness;
  let today: string;
  let effectiveOn: string;
  let aStart: string;
  beforeAll(async () => {
    h = await startLifecycleHarness();
    today = dayOf(await h.env.currentTimeMs());
    effectiveOn = addDays(today, 10);
    aStart = addDays(addYears(today, -3), 30);
  });
  afterAll(async () => {
    await h?.close();
  });

  const silent = { warn: () => undefined } as unknown as FastifyBaseLogger;
  const callerWith = async (role: 'ADMINISTRATOR' | 'BOARD_LEADER'): Promise<Caller> => {
    const user = await h.db.prisma.user.findFirstOrThrow({
      where: { roles: { some: { role } } },
      orderBy: { id: 'asc' },
    });
    return { actor: { id: user.officialId ?? user.id, roles: [role] }, userId: user.id };
  };
  const commune = async (code: string, officialCode: string, name: string) => {
    const id = `area-${code.toLowerCase()}`;
    await createArea(h.db, await callerWith('ADMINISTRATOR'), id, {
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
  const merger = (
    into: { code: string; officialCode: string; name: string },
    areaIds: string[],
  ): ReorganizationForm => ({
    kind: 'MERGE',
    legalBasis: { number: '1670/NQ-UBTVQH15', date: today },
    effectiveOn,
    predecessors: areaIds.map((areaId) => ({ areaId, whole: true })),
    successors: [{ ...into, level: 'COMMUNE', kind: 'COMMUNE', parentId: null }],
    newName: null,
    note: '',
  });
  /** Polls (real time) until the check holds: steps written by local activities do not hold the server's clock. */
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (const giveUpAt = Date.now() + 30_000; !(await check());) {
      if (Date.now() > giveUpAt) throw new Error(`not after 30 s: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const row = (id: string) => h.db.prisma.assignment.findUniqueOrThrow({ where: { id } });

  /** An assignment in force since `effectiveFrom`, brought in by the roster import today. */
  const imported = async (assignmentId: string, areaId: string, official: Actor, effectiveFrom: string) => {
    const leader = h.people.leaders[0]!;
    await h.client.workflow.start(assignmentWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: assignmentWorkflowId(assignmentId),
      args: [
        {
          assignmentId,
          areaId,
          officialId: official.id,
          proposedBy: 'system',
          reason: 'Phân công trước khi sắp xếp',
          effectiveFrom,
          policy: DEFAULT_POLICY,
          appointedBy: { approver: leader, decision: decisionBy(leader, effectiveFrom) },
          imported: { on: today, by: 'system', file: 'roster.csv', line: 2 },
        },
      ],
    });
    await until(
      `${assignmentId} in force`,
      async () =>
        (await h.db.prisma.assignment.count({ where: { id: assignmentId, state: { startsWith: 'active' } } })) === 1,
    );
  };
  /** An appointment on a new unit from its first day, approved today. */
  const appointOn = async (assignmentId: string, areaId: string, official: Actor) => {
    const approver = h.people.leaders[0]!;
    const handle = await h.client.workflow.start(assignmentWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: assignmentWorkflowId(assignmentId),
      args: [
        {
          assignmentId,
          areaId,
          officialId: official.id,
          proposedBy: h.people.departmentHead.id,
          reason: 'Phân công theo dõi đơn vị mới sau sắp xếp',
          effectiveFrom: effectiveOn,
          policy: DEFAULT_POLICY,
        },
      ],
    });
    await handle.executeUpdate(approveUpdate, { args: [{ actor: approver, decision: decisionBy(approver, today) }] });
    await until(
      `${assignmentId} recorded`,
      async () => (await h.db.prisma.assignment.count({ where: { id: assignmentId } })) === 1,
    );
    return handle;
  };
  /** As POST /reorganisations/successor-proposals/{id}/settle does: the settlement, then the assignment told. */
  const settle = async (proposalId: string, assignmentId: string) => {
    const settled = await settleSuccessorProposal(h.db, await callerWith('BOARD_LEADER'), proposalId, {
      assignmentId,
      comment: '',
    });
    const signal = settled.carried && (await signalYearsCarried(h.client, silent, proposalId, settled.carried));
    return { settled, signal };
  };

  it("the official continuing on C reaches rotation eligibility counted from A's start; one who did not continue carries nothing", async () => {
    const [continuing, leaving, fresh, onD] = [3, 4, 5, 6].map((i) => h.people.specialists[i]!) as [
      Actor,
      Actor,
      Actor,
      Actor,
    ];
    const [a, b, d, e] = await Promise.all([
      commune('Y-A', '98001', 'Xã Kim Liên'),
      commune('Y-B', '98002', 'Xã Nam Giang'),
      commune('Y-D', '98004', 'Xã Hưng Tây'),
      commune('Y-E', '98005', 'Xã Hưng Yên'),
    ]);
    await imported('served-a', a, continuing, aStart);
    await imported('served-b', b, leaving, addDays(addYears(today, -1), 5));
    await imported('served-d', d, onD, addDays(addYears(today, -4), 2));

    const keeper = await callerWith('ADMINISTRATOR');
    const intoC = await recordReorganization(
      h.db,
      keeper,
      'served-merger-c',
      merger({ code: 'Y-C', officialCode: '98003', name: 'Xã Nam Đàn' }, [a, b]),
    );
    const intoF = await recordReorganization(
      h.db,
      keeper,
      'served-merger-f',
      merger({ code: 'Y-F', officialCode: '98006', name: 'Xã Hưng Nguyên' }, [d, e]),
    );
    await signalAssignments(h.client, silent, 'served-merger-c', intoC.plan);
    await signalAssignments(h.client, silent, 'served-merger-f', intoF.plan);
    const [c] = intoC.plan.successors.map((unit) => unit.id);
    const [f] = intoF.plan.successors.map((unit) => unit.id);
    // The proposal names A's official with the years they served there.
    expect(intoC.plan.successorProposals[0]!.candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          officialId: continuing.id,
          assignmentId: 'served-a',
          servedFrom: aStart,
          yearsServed: 2,
        }),
      ]),
    );

    const onC = await appointOn('served-c', c!, continuing);
    await appointOn('served-f', f!, fresh);
    const toC = await settle(intoC.proposalIds[0]!, 'served-c');
    const toF = await settle(intoF.proposalIds[0]!, 'served-f');
    expect(toC.settled).toMatchObject({
      status: 'APPROVED',
      carried: {
        officialId: continuing.id,
        assignmentId: 'served-c',
        fromAssignmentId: 'served-a',
        fromAreaId: a,
        servedFrom: aStart,
        yearsServed: 2,
      },
    });
    expect(toC.signal).toBe('SIGNALLED');
    expect(toF.settled).toMatchObject({ status: 'APPROVED', carried: null });
    // Settled again, the same answer.
    expect((await settle(intoC.proposalIds[0]!, 'served-c')).settled).toEqual(toC.settled);

    const eligibleAt = new Date(startOfDay(addYears(aStart, 3))).toISOString();
    await until('the years carried on record', async () => {
      const carried = await row('served-c');
      return carried.servedFrom?.toISOString() === new Date(startOfDay(aStart)).toISOString();
    });
    expect((await row('served-c')).rotationEligibleAt.toISOString()).toBe(eligibleAt);

    // C's first day: the years from A's start are taken over (two, short of the tier); nothing before it changes.
    await h.sleepUntil(noonInVietnam(addDays(effectiveOn, 1)));
    await until('C in force with two years served', async () => {
      const { state, yearsServed } = await onC.query(assignmentStateQuery);
      return state === 'active.serving' && yearsServed === 2;
    });
    const runs = await h.client.workflow.getHandle(assignmentWorkflowId('served-c')).describe();
    await recordFirstRun('served-c', onC.firstExecutionRunId);
    expect(runs.status.name).toBe('RUNNING');

    // The third anniversary of A's start, 30 days after today: C's assignment is eligible for rotation.
    await h.sleepUntil(noonInVietnam(addDays(today, 31)));
    await until('C eligible for rotation', async () => {
      const { state } = await h.client.workflow.getHandle(assignmentWorkflowId('served-c')).query(assignmentStateQuery);
      return state === 'active.rotationEligible';
    });
    await until('the third anniversary on record', async () => {
      const steps = await h.db.prisma.auditEvent.findMany({
        where: { assignmentId: 'served-c', action: 'TERM_ANNIVERSARY' },
        select: { payload: true },
      });
      return steps.some((s) => (s.payload as { yearsServed?: number }).yearsServed === 3);
    });
    await until(
      'the rotation decision open',
      async () =>
        (await h.db.prisma.deadline.count({ where: { assignmentId: 'served-c', subject: 'ROTATION_DECISION' } })) === 1,
    );
    expect(await row('served-c')).toMatchObject({ state: 'active.rotationEligible' });
    expect(
      await h.db.prisma.auditEvent.count({ where: { assignmentId: 'served-c', action: 'YEARS_SERVED_CARRIED' } }),
    ).toBe(1);

    // F's official monitored none of its predecessors: the rotation counts from F's own first day.
    const onF = await row('served-f');
    expect(onF).toMatchObject({ servedFrom: null, state: 'active.serving' });
    expect(onF.rotationEligibleAt.toISOString()).toBe(new Date(startOfDay(addYears(effectiveOn, 3))).toISOString());
    expect(
      await h.db.prisma.auditEvent.count({ where: { assignmentId: 'served-f', action: 'YEARS_SERVED_CARRIED' } }),
    ).toBe(0);
    // B's and D's officials did not continue: no assignment of theirs carries years, and theirs closed with the reason.
    expect(
      await h.db.prisma.assignment.count({
        where: { officialId: { in: [leaving.id, onD.id] }, servedFrom: { not: null } },
      }),
    ).toBe(0);
    for (const id of ['served-a', 'served-b', 'served-d'])
      expect(await row(id)).toMatchObject({ state: 'closed', closureReason: 'AREA_REORGANIZED' });
  });

  it('a roster line may carry the start of the years served (not after the start): the rotation counts from it', async () => {
    const area = await commune('Y-G', '98007', 'Xã Hưng Lĩnh');
    const official = h.people.specialists[7]!;
    const start = addDays(addYears(today, -1), -20);
    const servedFrom = addDays(addYears(today, -3), -20);
    const line = (fields: Partial<RosterRow>): RosterRow => ({
      line: 2,
      area,
      official: official.id,
      start,
      decision_number: '901-QĐ/BTCTU',
      decision_date: start,
      signer: h.people.leaders[0]!.id,
      group: '',
      leader: '',
      served_from: '',
      ...fields,
    });
    const refused = await validateRoster(h.db.prisma, [line({ served_from: addDays(start, 1) })], today).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ statusCode: 422, code: 'IMPORT_REFUSED' });
    expect((refused as { extra: { rows: unknown[] } }).extra.rows).toEqual([
      expect.objectContaining({ line: 2, column: 'served_from', rule: 'SERVED_FROM_AFTER_START' }),
    ]);
    const [valid] = await validateRoster(h.db.prisma, [line({ served_from: servedFrom })], today);
    expect(valid).toMatchObject({ effectiveFrom: start, servedFrom });
    // Started as the import route starts it: in force a year, served three, so eligible for rotation at once.
    const leader = h.people.leaders[0]!;
    const handle = await h.client.workflow.start(assignmentWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: assignmentWorkflowId(valid!.assignmentId),
      args: [
        {
          assignmentId: valid!.assignmentId,
          areaId: area,
          officialId: official.id,
          proposedBy: 'system',
          reason: 'Phân công từ trước',
          effectiveFrom: start,
          policy: DEFAULT_POLICY,
          appointedBy: { approver: leader, decision: valid!.decision },
          imported: { on: today, by: 'system', file: 'roster.csv', line: 2 },
          servedFrom: valid!.servedFrom,
        },
      ],
    });
    await until('the imported assignment eligible for rotation', async () => {
      const { state, yearsServed } = await handle.query(assignmentStateQuery);
      return state === 'active.rotationEligible' && yearsServed === 3;
    });
    await until('its row counting from the years served', async () => {
      const stored = await h.db.prisma.assignment.findUnique({ where: { id: valid!.assignmentId } });
      return stored?.rotationEligibleAt.toISOString() === new Date(startOfDay(addYears(servedFrom, 3))).toISOString();
    });
  });

  /** The first run's history (the carried years' signal and the effective day's take-over), for the replay suite. */
  async function recordFirstRun(assignmentId: string, runId: string) {
    if (process.env.RECORD_HISTORIES !== '1') return;
    const history = await h.client.workflow.getHandle(assignmentWorkflowId(assignmentId), runId).fetchHistory();
    const dir = join(historiesDir, 'years-served-carried');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${assignmentWorkflowId(assignmentId)}.json`), historyToJSON(history));
  }
});
