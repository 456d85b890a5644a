/**
 * Reorganisations through the HTTP API (real Temporal test server, fresh seeded database): communes A and B, each
 * monitored by an official, are merged into C from a day a month ahead. The preview lists their running assignments
 * (closing AREA_REORGANIZED on the day), their open filings, and the proposal for C naming both officials with their
 * time served; the record does exactly what the preview said: C created from that day, A and B ended the day before,
 * an AREA_SUCCESSOR proposal in leadership's inbox, each assignment signalled, no assignment moved. A retry with the
 * same Idempotency-Key is answered as the first. Each refusal names its rule; a malformed body names its field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf, startOfDay } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { approveUpdate } from '../../workflows/assignment.messages';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { assignmentWorkflowId } from '../../workflows/ids';
import { apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { decisionBy, startActiveAssignment } from '../support/assignments';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let api: ReturnType<typeof apiClient>;

type Response = { statusCode: number; body: string; json<X>(): X };
async function ok<T>(response: Response, status = 200): Promise<T> {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}
function expectRule(response: Response, rule: string) {
  expect(response.statusCode, response.body).toBe(422);
  expect(errorOf(response)).toMatchObject({ code: 'RuleViolated', rule });
}

interface Plan {
  effectiveOn: string;
  lastDay: string;
  predecessors: { area: { id: string }; outcome: string; successorAreaIds: string[] }[];
  successors: { id: string; code: string }[];
  assignments: { id: string; official: { id: string }; outcome: string; reason: string | null; on: string }[];
  openFilings: { assignmentId: string; outcome: string; reason: string | null }[];
  evaluations: unknown[];
  complaints: unknown[];
  meetings: unknown[];
  successorProposals: {
    areaId: string;
    candidates: { officialId: string; yearsServed: number; daysServed: number; servedFrom: string }[];
  }[];
}

const area = async (code: string, officialCode: string, name: string, validFrom: string | null = '2020-01-01') =>
  (
    await ok<{ id: string }>(
      await api.call('POST', '/areas', U.admin, {
        code,
        officialCode,
        name,
        level: 'COMMUNE',
        kind: 'COMMUNE',
        validFrom,
      }),
      201,
    )
  ).id;

let today: string;
let effectiveOn: string;
const A = { id: '', assignment: 'reorg-assignment-a' };
const B = { id: '', assignment: 'reorg-assignment-b' };
let merger: Record<string, unknown>;

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, api } = suite);
  today = dayOf(await h.env.currentTimeMs());
  effectiveOn = addDays(today, 30);
  A.id = await area('R-A', '98001', 'Xã Kim Liên');
  B.id = await area('R-B', '98002', 'Xã Nam Giang');
  const [first, second] = h.people.specialists;
  await startActiveAssignment(h, {
    assignmentId: A.assignment,
    areaId: A.id,
    official: first!,
    proposedBy: h.people.leaders[1]!,
  });
  await startActiveAssignment(h, {
    assignmentId: B.assignment,
    areaId: B.id,
    official: second!,
    proposedBy: h.people.leaders[1]!,
  });
  // The rows mirror the workflows' state: wait until both say active.
  for (const giveUp = Date.now() + 30_000; ;) {
    const active = await h.db.prisma.assignment.count({
      where: { id: { in: [A.assignment, B.assignment] }, state: { startsWith: 'active' } },
    });
    if (active === 2) break;
    if (Date.now() > giveUp) throw new Error('the assignments are not active in the database');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  merger = {
    kind: 'MERGE',
    legalBasis: { number: '1685/NQ-UBTVQH15-thu', date: today },
    effectiveOn,
    predecessors: [{ areaId: A.id }, { areaId: B.id }],
    successors: [{ code: 'R-C', officialCode: '98003', name: 'Xã Nam Đàn', level: 'COMMUNE', kind: 'COMMUNE' }],
  };
});

afterAll(async () => {
  await suite?.close();
});

let preview: Plan;

describe('a merger of A and B into C', () => {
  it('previews without writing: the running assignments close AREA_REORGANIZED on the day, the proposal for C names both officials', async () => {
    const before = await h.db.prisma.area.count();
    preview = await ok<Plan>(await api.call('POST', '/reorganisations/preview', U.admin, merger));
    expect(await h.db.prisma.area.count()).toBe(before);
    expect(await h.db.prisma.reorganization.count()).toBe(0);
    expect(preview).toMatchObject({ effectiveOn, lastDay: addDays(effectiveOn, -1) });
    expect(preview.predecessors.map((p) => p.outcome)).toEqual(['CEASES', 'CEASES']);
    expect(preview.assignments.map((a) => [a.id, a.outcome, a.reason, a.on]).sort()).toEqual([
      [A.assignment, 'CLOSES', 'AREA_REORGANIZED', effectiveOn],
      [B.assignment, 'CLOSES', 'AREA_REORGANIZED', effectiveOn],
    ]);
    for (const filing of preview.openFilings) {
      expect([A.assignment, B.assignment]).toContain(filing.assignmentId);
      expect(filing).toMatchObject({ outcome: 'CLOSES', reason: 'AREA_REORGANIZED' });
    }
    const c = preview.successors[0]!;
    expect(preview.successorProposals).toHaveLength(1);
    const candidates = preview.successorProposals[0]!.candidates;
    expect(candidates.map((x) => x.officialId).sort()).toEqual(
      [h.people.specialists[0]!.id, h.people.specialists[1]!.id].sort(),
    );
    for (const x of candidates) expect(x).toMatchObject({ servedFrom: today, yearsServed: 0, daysServed: 30 });
    expect(preview.predecessors[0]!.successorAreaIds).toEqual([c.id]);
  });

  it('records what the preview said: C from the day, A and B ended the day before, a proposal in the inbox; a retry is answered as the first', async () => {
    const headers = { 'idempotency-key': 'reorg-merger-1' };
    const recorded = await ok<{
      id: string;
      plan: Plan;
      proposalIds: string[];
      signals: { assignmentId: string; outcome: string }[];
    }>(await api.call('POST', '/reorganisations', U.admin, merger, headers), 201);
    expect(recorded.plan).toEqual(preview);
    expect(recorded.signals.map((s) => s.outcome)).toEqual(['SIGNALLED', 'SIGNALLED']);
    const again = await api.call('POST', '/reorganisations', U.admin, merger, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(recorded);
    expect(await h.db.prisma.reorganization.count()).toBe(1);
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'REORGANIZATION_RECORDED' } })).toBe(1);

    const c = await h.db.prisma.area.findUniqueOrThrow({ where: { code: 'R-C' }, include: { names: true } });
    expect(c.validFrom?.toISOString().slice(0, 10)).toBe(effectiveOn);
    expect(c.names.map((n) => [n.name, n.validFrom?.toISOString().slice(0, 10)])).toEqual([
      ['Xã Nam Đàn', effectiveOn],
    ]);
    for (const id of [A.id, B.id]) {
      const row = await h.db.prisma.area.findUniqueOrThrow({ where: { id }, include: { names: true } });
      expect(row.validUntil?.toISOString().slice(0, 10)).toBe(addDays(effectiveOn, -1));
      expect(row.names.every((n) => n.validUntil?.toISOString().slice(0, 10) === addDays(effectiveOn, -1))).toBe(true);
    }

    const inbox = await ok<{
      items: {
        id: string;
        kind: string;
        areaId: string | null;
        assignmentId: string | null;
        payload: { candidates: { officialId: string }[]; keepsYearsServed: boolean };
      }[];
    }>(await api.call('GET', '/approvals/inbox?limit=100', U.head));
    const proposal = inbox.items.find((i) => i.kind === 'AREA_SUCCESSOR');
    expect(proposal).toMatchObject({ id: recorded.proposalIds[0], areaId: c.id, assignmentId: null });
    expect(proposal!.payload.keepsYearsServed).toBe(true);
    expect(proposal!.payload.candidates.map((x) => x.officialId).sort()).toEqual(
      [h.people.specialists[0]!.id, h.people.specialists[1]!.id].sort(),
    );
    // Nothing moves an official by itself: no assignment on C.
    expect(await h.db.prisma.assignment.count({ where: { areaId: c.id } })).toBe(0);

    // Leadership settles the proposal (here without an assignment on C); it leaves the inbox.
    const settle = `/reorganisations/successor-proposals/${proposal!.id}/settle`;
    expect((await api.call('POST', settle, U.admin, { assignmentId: null })).statusCode).toBe(403);
    expectRule(await api.call('POST', settle, U.head, { assignmentId: A.assignment }), 'ASSIGNMENT_NOT_ON_UNIT');
    const settled = await ok<{ status: string }>(
      await api.call('POST', settle, U.head, { assignmentId: null, comment: 'Chờ kiện toàn cấp ủy' }),
    );
    expect(settled).toMatchObject({ status: 'REJECTED', areaId: c.id });
    const after = await ok<{ items: { id: string }[] }>(await api.call('GET', '/approvals/inbox?limit=100', U.head));
    expect(after.items.map((i) => i.id)).not.toContain(proposal!.id);
  });
});

describe('a rename and a split', () => {
  it('a rename keeps the assignment running and changes the name from the day; a split whole makes two units', async () => {
    const h1 = await area('R-H', '98030', 'Phường Cũ');
    await startActiveAssignment(h, {
      assignmentId: 'reorg-assignment-h',
      areaId: h1,
      official: h.people.specialists[2]!,
      proposedBy: h.people.leaders[1]!,
    });
    for (const giveUp = Date.now() + 30_000; ;) {
      const row = await h.db.prisma.assignment.findUnique({ where: { id: 'reorg-assignment-h' } });
      if (row?.state.startsWith('active')) break;
      if (Date.now() > giveUp) throw new Error('the assignment is not active in the database');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rename = {
      kind: 'RENAME',
      legalBasis: { number: '3/NQ-thu', date: today },
      effectiveOn,
      predecessors: [{ areaId: h1 }],
      newName: 'Phường Mới',
    };
    const recorded = await ok<{ plan: Plan; proposalIds: string[]; signals: { outcome: string }[] }>(
      await api.call('POST', '/reorganisations', U.admin, rename),
      201,
    );
    expect(recorded.plan.assignments).toEqual([
      expect.objectContaining({ id: 'reorg-assignment-h', outcome: 'CONTINUES', reason: null, successorAreaIds: [h1] }),
    ]);
    expect(recorded.proposalIds).toEqual([]);
    expect(recorded.signals.map((x) => x.outcome)).toEqual(['SIGNALLED']);
    const list = async (asOf: string) =>
      (
        await ok<{ items: { name: string }[] }>(await api.call('GET', `/areas?q=R-H&asOf=${asOf}`, U.official))
      ).items.map((a) => a.name);
    expect(await list(addDays(effectiveOn, -1))).toEqual(['Phường Cũ']);
    expect(await list(effectiveOn)).toEqual(['Phường Mới']);
    expect((await h.db.prisma.area.findUniqueOrThrow({ where: { id: h1 } })).validUntil).toBeNull();

    const s = await area('R-S', '98040', 'Xã Lớn');
    const split = await ok<{ plan: Plan }>(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'SPLIT',
        legalBasis: { number: '4/NQ-thu', date: today },
        effectiveOn,
        predecessors: [{ areaId: s }],
        successors: [
          { code: 'R-S1', officialCode: '98041', name: 'Xã Lớn Bắc', level: 'COMMUNE', kind: 'COMMUNE' },
          { code: 'R-S2', officialCode: '98042', name: 'Phường Lớn Nam', level: 'COMMUNE', kind: 'WARD' },
        ],
      }),
      201,
    );
    expect(split.plan.predecessors).toEqual([
      expect.objectContaining({ outcome: 'CEASES', successorAreaIds: split.plan.successors.map((x) => x.id) }),
    ]);
    expect(await h.db.prisma.area.count({ where: { code: { in: ['R-S1', 'R-S2'] }, validUntil: null } })).toBe(2);
  });
});

describe('refusals', () => {
  const unit = (code: string, officialCode: string) => ({
    code,
    officialCode,
    name: `Xã ${code}`,
    level: 'COMMUNE',
    kind: 'COMMUNE',
  });
  const basis = { number: '2/NQ-thu', date: '2025-06-16' };

  it('a predecessor not in force on the day: already merged, or not yet existing', async () => {
    const d = await area('R-D', '98010', 'Xã Đông');
    expectRule(
      await api.call('POST', '/reorganisations/preview', U.admin, {
        kind: 'MERGE',
        legalBasis: basis,
        effectiveOn: addDays(effectiveOn, 1),
        predecessors: [{ areaId: A.id }, { areaId: d }],
        successors: [unit('R-E', '98011')],
      }),
      'PREDECESSOR_NOT_IN_FORCE',
    );
    const later = await area('R-F', '98012', 'Xã Mới', addDays(effectiveOn, 60));
    expectRule(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'MERGE',
        legalBasis: basis,
        effectiveOn,
        predecessors: [{ areaId: later }, { areaId: d }],
        successors: [unit('R-E', '98011')],
      }),
      'PREDECESSOR_NOT_IN_FORCE',
    );
  });

  it('a unit that would cease twice, an official code reused, a merger of one, a split into one', async () => {
    const d = (await h.db.prisma.area.findUniqueOrThrow({ where: { code: 'R-D' } })).id;
    expectRule(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'DISSOLVE',
        legalBasis: basis,
        effectiveOn: addDays(effectiveOn, -5),
        predecessors: [{ areaId: A.id }],
      }),
      'UNIT_CEASES_TWICE',
    );
    // The official code of a unit that ceased is never given again.
    expectRule(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'NEW_UNIT',
        legalBasis: basis,
        effectiveOn,
        successors: [unit('R-G', '98001')],
      }),
      'OFFICIAL_CODE_REUSED',
    );
    expectRule(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'NEW_UNIT',
        legalBasis: basis,
        effectiveOn,
        successors: [unit('R-G', '9801')],
      }),
      'INVALID_OFFICIAL_CODE',
    );
    expectRule(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'MERGE',
        legalBasis: basis,
        effectiveOn,
        predecessors: [{ areaId: d }],
        successors: [unit('R-G', '98020')],
      }),
      'MERGE_FEWER_THAN_TWO_PREDECESSORS',
    );
    expectRule(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'SPLIT',
        legalBasis: basis,
        effectiveOn,
        predecessors: [{ areaId: d }],
        successors: [unit('R-G', '98020')],
      }),
      'SPLIT_FEWER_THAN_TWO_SUCCESSORS',
    );
    expect(await h.db.prisma.reorganization.count()).toBe(3);
    expect(await h.db.prisma.area.count({ where: { code: 'R-G' } })).toBe(0);
  });

  it('a malformed body is a 400 naming the field; only the administrator records', async () => {
    const bad = await api.call('POST', '/reorganisations', U.admin, {
      kind: 'MERGE',
      legalBasis: basis,
      effectiveOn: '2025-13-01',
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.body).toContain('effectiveOn');
    const kind = await api.call('POST', '/reorganisations/preview', U.admin, {
      kind: 'ANNEX',
      legalBasis: basis,
      effectiveOn,
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.body).toContain('kind');
    expect((await api.call('POST', '/reorganisations', U.head, merger)).statusCode).toBe(403);
  });
});

describe('a successor proposal settled with the official who continues', () => {
  it("names the years they keep (from their former assignment's start) over HTTP and tells the new assignment, whose record then counts from it", async () => {
    const p = await area('R-YP', '98051', 'Xã Diễn Kỷ');
    const q = await area('R-YQ', '98052', 'Xã Diễn Liên');
    const official = h.people.specialists[4]!;
    const { today: servedFrom } = await startActiveAssignment(h, {
      assignmentId: 'reorg-assignment-p',
      areaId: p,
      official,
      proposedBy: h.people.leaders[1]!,
    });
    await expect
      .poll(
        () => h.db.prisma.assignment.count({ where: { id: 'reorg-assignment-p', state: { startsWith: 'active' } } }),
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    const recorded = await ok<{ proposalIds: string[]; plan: Plan }>(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'MERGE',
        legalBasis: { number: '4/NQ-thu', date: today },
        effectiveOn,
        predecessors: [{ areaId: p }, { areaId: q }],
        successors: [{ code: 'R-YS', officialCode: '98053', name: 'Xã Diễn Thành', level: 'COMMUNE', kind: 'COMMUNE' }],
      }),
      201,
    );
    const s = recorded.plan.successors[0]!.id;
    // Leadership's appointment on S from its first day, approved (as any appointment).
    const leader = h.people.leaders[0]!;
    const onS = await h.client.workflow.start(assignmentWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: assignmentWorkflowId('reorg-assignment-s'),
      args: [
        {
          assignmentId: 'reorg-assignment-s',
          areaId: s,
          officialId: official.id,
          proposedBy: h.people.departmentHead.id,
          reason: 'Phân công theo dõi đơn vị mới',
          effectiveFrom: effectiveOn,
          policy: DEFAULT_POLICY,
        },
      ],
    });
    await onS.executeUpdate(approveUpdate, { args: [{ actor: leader, decision: decisionBy(leader, servedFrom) }] });
    await expect
      .poll(() => h.db.prisma.assignment.count({ where: { id: 'reorg-assignment-s' } }), { timeout: 30_000 })
      .toBe(1);
    const settle = `/reorganisations/successor-proposals/${recorded.proposalIds[0]!}/settle`;
    const settled = await ok<Record<string, unknown>>(
      await api.call('POST', settle, U.head, { assignmentId: 'reorg-assignment-s' }),
    );
    expect(settled).toEqual({
      id: recorded.proposalIds[0],
      areaId: s,
      status: 'APPROVED',
      carried: {
        officialId: official.id,
        assignmentId: 'reorg-assignment-s',
        fromAssignmentId: 'reorg-assignment-p',
        fromAreaId: p,
        servedFrom,
        yearsServed: 0,
        signal: 'SIGNALLED',
      },
    });
    // The same settlement again answers the same; the assignment's record then counts from the former start.
    expect(await ok(await api.call('POST', settle, U.head, { assignmentId: 'reorg-assignment-s' }))).toEqual(settled);
    await expect
      .poll(
        async () =>
          (
            await h.db.prisma.assignment.findUniqueOrThrow({ where: { id: 'reorg-assignment-s' } })
          ).servedFrom?.getTime(),
        { timeout: 30_000 },
      )
      .toBe(startOfDay(servedFrom));
    const record = await ok<{ record: { servedFrom: string | null } }>(
      await api.call('GET', '/assignments/reorg-assignment-s', U.head),
    );
    expect(record.record.servedFrom).toBe(new Date(startOfDay(servedFrom)).toISOString());
  });
});
