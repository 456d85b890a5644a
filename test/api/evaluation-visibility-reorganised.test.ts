/**
 * A pending evaluation passed to a merger's successor, over HTTP (real time-skipping Temporal server, real worker,
 * fresh seeded database): commune A, monitored by an official, is asked for its evaluation on 1 December; A and B are
 * merged into C from 5 December, A before sending it. From then the request is C's committee's: it reads the evaluation (an
 * audited read) and sends it; A's committee no longer reads it (403, no audit row) nor sends it (422), while the
 * Board's readers keep reading it whole. A's earlier years stay A's committee's: the successor's committee reads of its
 * predecessor only what passed to it, and not the successor's page, which is the Board's directory. The assignment's
 * timeline is the Board's (403 to both committees); its filter applies the evaluations' rule all the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleTimeline } from '../../domain/timeline/reads';
import type { Actor } from '../../machines/actor';
import { type ApiResponse, apiClient, errorOf, type Method, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { startActiveAssignment } from '../support/assignments';
import { confidentialReads, eventually, expectStatus } from '../support/confidential-reads';
import type { LifecycleHarness } from '../support/lifecycle-harness';
import { noonInVietnam } from '../support/scenario-driver';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let api: ReturnType<typeof apiClient>;
/** The committees' accounts made here, by username: their token once their first password was changed. */
const tokens = new Map<string, string>();

async function call(method: Method, url: string, username: string | null, payload?: unknown): Promise<ApiResponse> {
  const token = username && tokens.get(username);
  if (!token) return api.call(method, url, username, payload);
  const response = await suite!.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
  });
  return response as unknown as ApiResponse;
}

const { readRows, auditedRead, refusedRead } = confidentialReads(() => ({ h, call }));

/** An area committee's account, made by the administrator, its one-time password changed: ready to call. */
async function committeeOf(areaId: string, username: string): Promise<string> {
  const created = await api.call('POST', '/admin/accounts', U.admin, {
    username,
    displayName: `Ban Thường vụ ${username}`,
    roles: ['AREA_COMMITTEE'],
    areaId,
  });
  expectStatus(created, 201);
  const { oneTimePassword } = created.json<{ oneTimePassword: string }>();
  const login = await api.login(username, oneTimePassword);
  expectStatus(login, 200);
  const changed = await suite!.app.inject({
    method: 'POST',
    url: '/me/password',
    headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` },
    payload: { currentPassword: oneTimePassword, newPassword: 'Sen hồng 2026 nở rộ' },
  });
  expect(changed.statusCode, changed.body).toBe(200);
  tokens.set(username, changed.json<{ token: string }>().token);
  return username;
}

const areaEvaluation = {
  responsibility: 'Có tinh thần trách nhiệm',
  method: 'Sâu sát cơ sở',
  coordination: 'Phối hợp tốt với cấp ủy xã mới',
  contributions: 'Tham mưu kịp thời việc sáp nhập',
  shortcomings: 'Có lúc báo cáo còn chậm',
  groupLeaderAssessment: 'Trực tiếp dự các cuộc họp quan trọng',
  proposesReplacement: false,
};

const assignmentId = 'rv-assignment-a';
let year: number;
let base: string;
let successorId: string;
let formerCommittee: string;
let successorCommittee: string;

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, api } = suite);
  const commune = async (code: string, officialCode: string, name: string) => {
    const created = await api.call('POST', '/areas', U.admin, {
      code,
      officialCode,
      name,
      level: 'COMMUNE',
      kind: 'COMMUNE',
      validFrom: '2020-01-01',
    });
    expectStatus(created, 201);
    return created.json<{ id: string }>().id;
  };
  const areaA = await commune('RV-A', '98101', 'Xã Hưng Tây');
  const areaB = await commune('RV-B', '98102', 'Xã Hưng Yên');
  formerCommittee = await committeeOf(areaA, 'diaban-rv-a');
  const { today } = await startActiveAssignment(h, {
    assignmentId,
    areaId: areaA,
    official: h.people.specialists[0]!,
    proposedBy: h.people.leaders[1]!,
  });
  year = Number(today.slice(0, 4)) + (today.slice(5) <= '06-30' ? 0 : 1);
  base = `/assignments/${assignmentId}/evaluations/${year}`;
  // Requested on 1 December; still unsent when the merger is recorded.
  await h.sleepUntil(noonInVietnam(`${year}-12-02`));
  await eventually(() =>
    h.db.prisma.annualEvaluation.findUnique({ where: { assignmentId_year: { assignmentId, year } } }),
  );
  // A's evaluation of the year before, sent and rated before the merger (written as the records would hold it).
  await h.db.prisma.annualEvaluation.create({
    data: {
      assignmentId,
      year: year - 1,
      state: 'rated',
      requestedAt: new Date(`${year - 1}-12-01T02:00:00.000Z`),
      dueAt: new Date(`${year - 1}-12-20T16:59:59.999Z`),
      receivedAt: new Date(`${year - 1}-12-10T02:00:00.000Z`),
      ...areaEvaluation,
      rating: 'GOOD',
    },
  });
  const effectiveOn = `${year}-12-05`;
  const recorded = await api.call('POST', '/reorganisations', U.admin, {
    kind: 'MERGE',
    legalBasis: { number: '1701/NQ-UBTVQH15-rv', date: `${year}-12-02` },
    effectiveOn,
    predecessors: [{ areaId: areaA }, { areaId: areaB }],
    successors: [
      { code: 'RV-C', officialCode: '98103', name: 'Xã Hưng Nguyên Nam', level: 'COMMUNE', kind: 'COMMUNE' },
    ],
  });
  expectStatus(recorded, 201);
  successorId = (await h.db.prisma.area.findUniqueOrThrow({ where: { code: 'RV-C' } })).id;
  successorCommittee = await committeeOf(successorId, 'diaban-rv-c');
  // On the day the assignment closes and tells the evaluation, which passes to C's committee.
  await h.sleepUntil(noonInVietnam(effectiveOn));
  await eventually(() =>
    h.db.prisma.auditEvent.findFirst({ where: { assignmentId, action: 'AREA_EVALUATION_PASSED_TO_SUCCESSOR' } }),
  );
});

afterAll(async () => {
  await suite?.close();
});

describe("a pending evaluation passed to a merger's successor", () => {
  it("is read by the successor's committee (audited), as the request addressed to it, and by the Board whole", async () => {
    const one = await auditedRead(base, successorCommittee, {
      actorId: expect.any(String) as unknown as string,
      entityType: 'AnnualEvaluation',
      entityId: `${assignmentId}/${year}`,
    });
    expect(one.json()).toMatchObject({
      year,
      visibility: 'areaCommittee',
      areaEvaluation: null,
      proposal: null,
      rating: null,
      state: expect.stringMatching(/^requested\./),
    });
    expect(one.json<{ allowedEvents: string[] }>().allowedEvents).toContain('SUBMIT_AREA_EVALUATION');
    const list = await auditedRead(`/assignments/${assignmentId}/evaluations`, successorCommittee, {
      actorId: expect.any(String) as unknown as string,
      entityType: 'AnnualEvaluation',
      entityId: assignmentId,
    });
    // Only the evaluation passed to it: A's earlier years stay A's (predecessors' records under the same rule).
    expect(list.json<{ items: { year: number; visibility: string }[] }>().items).toEqual([
      expect.objectContaining({ year, visibility: 'areaCommittee' }),
    ]);
    expect((await readRows()).at(-1)?.payload).toMatchObject({ ids: [`${assignmentId}/${year}`] });
    const earlier = await refusedRead(`/assignments/${assignmentId}/evaluations/${year - 1}`, successorCommittee, 403);
    expect(errorOf(earlier)).toMatchObject({ code: 'FORBIDDEN', reason: 'CONFIDENTIAL' });
    // The successor's page (its lineage, its predecessors) is the Board's directory: no committee reads it.
    await refusedRead(`/areas/${successorId}`, successorCommittee, 403);
    const leader = await call('GET', base, U.leader);
    expectStatus(leader, 200);
    expect(leader.json()).toMatchObject({ visibility: 'full' });
  });

  it("is no longer the ceased unit's committee's: 403 for the record, not listed, its submission refused", async () => {
    const refused = await refusedRead(base, formerCommittee, 403);
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'CONFIDENTIAL' });
    const list = await call('GET', `/assignments/${assignmentId}/evaluations`, formerCommittee);
    expectStatus(list, 200);
    expect(list.json<{ items: { year: number; visibility: string }[] }>().items).toEqual([
      expect.objectContaining({ year: year - 1, visibility: 'areaCommittee' }),
    ]);
    const sent = await call('POST', `${base}/area-evaluation`, formerCommittee, { evaluation: areaEvaluation });
    expectStatus(sent, 422);
    expect(errorOf(sent)).toMatchObject({ code: 'RuleViolated', rule: 'NOT_THIS_AREA_COMMITTEE' });
    // Another committee altogether has no part in the assignment's evaluations.
    await refusedRead(`/assignments/${assignmentId}/evaluations`, 'diaban-namdan', 403);
  });

  it("is sent by the successor's committee, which then reads its own submission", async () => {
    const sent = await call('POST', `${base}/area-evaluation`, successorCommittee, { evaluation: areaEvaluation });
    expectStatus(sent, 200);
    expect(sent.json<{ state: string }>().state).toBe('areaEvaluationReceived');
    const row = await eventually(async () => {
      const found = await h.db.prisma.annualEvaluation.findUnique({
        where: { assignmentId_year: { assignmentId, year } },
      });
      return found?.receivedAt ? found : null;
    });
    expect(row.responsibility).toBe(areaEvaluation.responsibility);
    const own = await call('GET', base, successorCommittee);
    expectStatus(own, 200);
    expect(own.json()).toMatchObject({
      visibility: 'areaCommittee',
      areaEvaluation: { responsibility: areaEvaluation.responsibility, proposesReplacement: false },
      proposal: null,
    });
    await refusedRead(base, formerCommittee, 403);
  });

  it("keeps the timeline from both committees (403), and would show them the evaluation's steps by the rule of its list", async () => {
    // The timeline is the Board's: no committee reads it, the predecessor's assignment's included.
    for (const committee of [successorCommittee, formerCommittee]) {
      const refused = await call('GET', `/assignments/${assignmentId}/timeline`, committee);
      expectStatus(refused, 403);
    }
    // Its filter applies the evaluations' own rule: a year passed to the successor is its committee's, as listed.
    const evaluationSteps = async (actor: Actor) => {
      const { steps } = await visibleTimeline(h.db.prisma, actor, assignmentId, { includeReads: false });
      return steps.filter((e) => e.entityType === 'AnnualEvaluation' || e.action.startsWith('AREA_EVALUATION'));
    };
    const committeeActor = async (username: string): Promise<Actor> => {
      const user = await h.db.prisma.user.findUniqueOrThrow({ where: { username } });
      return { id: user.officialId ?? user.id, roles: ['AREA_COMMITTEE'], areaId: user.areaId! };
    };
    const listed = async (username: string) => {
      const list = await call('GET', `/assignments/${assignmentId}/evaluations`, username);
      expectStatus(list, 200);
      return list.json<{ items: { year: number }[] }>().items.map((item) => item.year);
    };
    // Only this year's evaluation has steps on the trail (the year before was written as the records hold it).
    const all = await evaluationSteps(h.people.leaders[0]!);
    expect(all.length).toBeGreaterThan(0);
    expect(await listed(successorCommittee)).toEqual([year]);
    expect(await evaluationSteps(await committeeActor(successorCommittee))).toEqual(all);
    expect(await listed(formerCommittee)).toEqual([year - 1]);
    expect(await evaluationSteps(await committeeActor(formerCommittee))).toEqual([]);
  });
});
