/**
 * Annual evaluations and reserved opinions over HTTP (fastify inject) against the real time-skipping Temporal server,
 * the real worker and a fresh seeded database: the whole evaluation (committee, group leader, leadership), each role's
 * refusal, who sees what, and one audit row per confidential read. Complaints are in test/api/complaints.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf } from '../support/api-client';
import { startActiveAssignment } from '../support/assignments';
import { asOfficial, confidentialReads, eventually, expectStatus, USERS } from '../support/confidential-reads';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import type { LifecycleHarness } from '../support/lifecycle-harness';
import { noonInVietnam } from '../support/scenario-driver';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let call: ReturnType<typeof apiClient>['call'];

beforeAll(async () => {
  suite = await startApiSuite();
  ({
    h,
    api: { call },
  } = suite);
});

afterAll(async () => {
  await suite?.close();
});

const { readRows, auditedRead, refusedRead } = confidentialReads(() => ({ h, call }));

describe('annual evaluation over HTTP', () => {
  const assignmentId = 'evaluated';
  let year: number;
  let base: string;
  const areaEvaluation = {
    responsibility: 'Có tinh thần trách nhiệm cao',
    method: 'Sâu sát cơ sở, nắm chắc tình hình',
    coordination: 'Phối hợp tốt với Ban Thường vụ Thành ủy',
    contributions: 'Tham mưu kịp thời công tác cán bộ',
    shortcomings: 'Có lúc báo cáo còn chậm',
    // Đ9.5: the group "and especially its leader".
    groupLeaderAssessment: 'Trưởng nhóm phân công rõ việc, trực tiếp dự các cuộc họp quan trọng của địa bàn',
    proposesReplacement: false,
  };

  it('is requested from the area committee on 1 December and listed for leadership (an audited read)', async () => {
    const { today } = await startActiveAssignment(h, {
      assignmentId,
      areaId: 'area-na-vinh',
      official: asOfficial('cb-003'),
      groupId: 'group-01',
      proposedBy: h.people.departmentHead,
    });
    year = Number(today.slice(0, 4)) + (today.slice(5) <= '06-30' ? 0 : 1);
    base = `/assignments/${assignmentId}/evaluations/${year}`;
    await h.sleepUntil(noonInVietnam(`${year}-12-02`));
    await eventually(() =>
      h.db.prisma.annualEvaluation.findUnique({ where: { assignmentId_year: { assignmentId, year } } }),
    );

    const list = await auditedRead(`/assignments/${assignmentId}/evaluations`, USERS.leader, {
      actorId: 'official-ld-02',
      entityType: 'AnnualEvaluation',
      entityId: assignmentId,
    });
    const items = list.json<{ items: { year: number; state: string; dueAt: string; visibility: string }[] }>().items;
    expect(items).toEqual([expect.objectContaining({ year, state: 'requested.awaiting', visibility: 'full' })]);
    expect((await readRows()).at(-1)?.payload).toMatchObject({
      ids: [`${assignmentId}/${year}`],
      route: 'GET /assignments/:id/evaluations',
    });

    const one = await auditedRead(base, USERS.leader, {
      actorId: 'official-ld-02',
      entityType: 'AnnualEvaluation',
      entityId: `${assignmentId}/${year}`,
    });
    expect(one.json()).toMatchObject({ year, state: 'requested.awaiting', workflow: { state: 'requested.awaiting' } });
    expect(one.json<{ allowedEvents: string[] }>().allowedEvents).toContain('SUBMIT_AREA_EVALUATION');
    await refusedRead(`/assignments/${assignmentId}/evaluations/${year - 5}`, USERS.leader, 404);
    await refusedRead(`/assignments/no-such-assignment/evaluations`, USERS.leader, 404);
  });

  it("takes the evaluation from this area's committee only: 403 for other roles, 422 for another area's, 400 for unknown fields", async () => {
    for (const username of [USERS.leader, USERS.official, USERS.auditor, USERS.groupLeader, USERS.admin]) {
      const refused = await call('POST', `${base}/area-evaluation`, username, { evaluation: areaEvaluation });
      expectStatus(refused, 403);
      expect(errorOf(refused).requiredRoles).toEqual(['AREA_COMMITTEE']);
    }
    const otherArea = await call('POST', `${base}/area-evaluation`, USERS.otherCommittee, {
      evaluation: areaEvaluation,
    });
    expectStatus(otherArea, 422);
    expect(errorOf(otherArea)).toMatchObject({ code: 'RuleViolated', rule: 'NOT_THIS_AREA_COMMITTEE' });

    const smuggled = await call('POST', `${base}/area-evaluation`, USERS.committee, {
      evaluation: areaEvaluation,
      actor: { id: 'x', roles: ['AREA_COMMITTEE'], areaId: 'area-na-vinh' },
    });
    expectStatus(smuggled, 400);
    expect(JSON.stringify(errorOf(smuggled).issues)).toContain('actor');
    const extra = await call('POST', `${base}/area-evaluation`, USERS.committee, {
      evaluation: { ...areaEvaluation, rating: 'EXCELLENT' },
    });
    expectStatus(extra, 400);
    const missing = await call('POST', `${base}/area-evaluation`, USERS.committee, {
      evaluation: { ...areaEvaluation, shortcomings: ' ' },
    });
    expectStatus(missing, 400);
    expect(errorOf(missing).issues).toEqual([expect.objectContaining({ path: 'evaluation.shortcomings' })]);
    const blankLeader = await call('POST', `${base}/area-evaluation`, USERS.committee, {
      evaluation: { ...areaEvaluation, groupLeaderAssessment: '  ' },
    });
    expectStatus(blankLeader, 400);
    expect(errorOf(blankLeader).issues).toEqual([
      expect.objectContaining({ path: 'evaluation.groupLeaderAssessment' }),
    ]);

    const submitted = await call('POST', `${base}/area-evaluation`, USERS.committee, { evaluation: areaEvaluation });
    expectStatus(submitted, 200);
    expect(submitted.json()).toMatchObject({ state: 'areaEvaluationReceived', allowedEvents: ['PROPOSE_RATING'] });
    const stored = await h.db.prisma.annualEvaluation.findUniqueOrThrow({
      where: { assignmentId_year: { assignmentId, year } },
    });
    expect(stored.groupLeaderAssessment).toBe(areaEvaluation.groupLeaderAssessment);
    const again = await call('POST', `${base}/area-evaluation`, USERS.committee, { evaluation: areaEvaluation });
    expectStatus(again, 409);
    expect(errorOf(again)).toMatchObject({ code: 'TransitionRefused', allowedEvents: ['PROPOSE_RATING'] });
  });

  it('takes the proposal from the group leader only, and the rating from leadership only', async () => {
    const proposal = { rating: 'EXCELLENT', notes: 'Đề xuất xếp loại hoàn thành xuất sắc nhiệm vụ' };
    for (const username of [USERS.leader, USERS.committee, USERS.admin])
      expectStatus(await call('POST', `${base}/proposal`, username, proposal), 403);
    // Officials may call the route (one working alone proposes for themself); the workflow's rule names the one.
    for (const username of [USERS.member, USERS.official, USERS.auditor]) {
      const refused = await call('POST', `${base}/proposal`, username, proposal);
      expectStatus(refused, 422);
      expect(errorOf(refused).rule).toBe('NOT_GROUP_LEADER');
    }
    expectStatus(await call('POST', `${base}/proposal`, USERS.groupLeader, { ...proposal, rating: 'SUPERB' }), 400);
    expectStatus(await call('POST', `${base}/proposal`, USERS.groupLeader, { ...proposal, reservedOpinion: 'x' }), 400);
    const proposed = await call('POST', `${base}/proposal`, USERS.groupLeader, proposal);
    expectStatus(proposed, 200);
    expect(proposed.json()).toMatchObject({ state: 'ratingProposed', allowedEvents: ['RATE'] });

    for (const username of [USERS.groupLeader, USERS.official, USERS.auditor, USERS.departmentHead, USERS.committee]) {
      const refused = await call('POST', `${base}/rating`, username, { rating: 'GOOD' });
      expectStatus(refused, 403);
      expect(errorOf(refused).requiredRoles).toEqual(['BOARD_LEADER', 'HEAD_OF_BOARD']);
    }
    expectStatus(await call('POST', `${base}/rating`, USERS.leader, { rating: 'GOOD', notes: 'x' }), 400);
    const rated = await call('POST', `${base}/rating`, USERS.leader, { rating: 'GOOD' });
    expectStatus(rated, 200);
    expect(rated.json()).toMatchObject({ state: 'rated', allowedEvents: [] });

    const row = await h.db.prisma.annualEvaluation.findUniqueOrThrow({
      where: { assignmentId_year: { assignmentId, year } },
    });
    expect(row).toMatchObject({
      state: 'rated',
      submittedById: 'user-diaban-vinh',
      proposedRating: 'EXCELLENT',
      proposedById: 'official-cb-001',
      rating: 'GOOD',
      ratedById: 'official-ld-02',
      responsibility: areaEvaluation.responsibility,
    });
    // Once rated (and the workflow ended), a second rating is a 409 with the final state.
    await eventually(
      async () =>
        (await h.client.workflow.getHandle(`assignment-${assignmentId}-evaluation-${year}`).describe()).status.name ===
        'COMPLETED',
    );
    const again = await call('POST', `${base}/rating`, USERS.secondLeader, { rating: 'EXCELLENT' });
    expectStatus(again, 409);
    expect(errorOf(again)).toMatchObject({ code: 'TransitionRefused', state: 'rated', allowedEvents: [] });
  });

  it('shows each party what is theirs to see, audits every read, and refuses everyone else', async () => {
    const entity = { entityType: 'AnnualEvaluation', entityId: `${assignmentId}/${year}` };
    type Seen = {
      visibility: string;
      state: string;
      allowedEvents: string[];
      workflow: unknown;
      areaEvaluation: unknown;
      proposal: unknown;
      rating: unknown;
    };

    const full = (await auditedRead(base, USERS.auditor, { ...entity, actorId: 'official-cb-014' })).json<Seen>();
    expect(full).toMatchObject({
      visibility: 'full',
      state: 'rated',
      allowedEvents: [],
      workflow: null,
      areaEvaluation: { ...areaEvaluation, submittedById: 'user-diaban-vinh' },
      proposal: { rating: 'EXCELLENT', proposedById: 'official-cb-001' },
      rating: { rating: 'GOOD', ratedById: 'official-ld-02' },
    });
    const leader = (await auditedRead(base, USERS.groupLeader, { ...entity, actorId: 'official-cb-001' })).json<Seen>();
    expect(leader.visibility).toBe('full');

    // The evaluated official: the final rating, not the committee's comments nor the proposal.
    const official = (await auditedRead(base, USERS.official, { ...entity, actorId: 'official-cb-003' })).json<Seen>();
    expect(official).toMatchObject({
      visibility: 'official',
      rating: { rating: 'GOOD' },
      areaEvaluation: null,
      proposal: null,
    });

    // The area committee: its own submission, not the Board's proposal or rating.
    const committee = (
      await auditedRead(`/assignments/${assignmentId}/evaluations`, USERS.committee, {
        actorId: 'user-diaban-vinh',
        entityType: 'AnnualEvaluation',
        entityId: assignmentId,
      })
    ).json<{
      items: Seen[];
    }>();
    expect(committee.items).toEqual([
      expect.objectContaining({
        visibility: 'areaCommittee',
        proposal: null,
        rating: null,
        areaEvaluation: expect.objectContaining({
          method: areaEvaluation.method,
          groupLeaderAssessment: areaEvaluation.groupLeaderAssessment,
        }),
      }),
    ]);

    // Another group member, another area's committee, a department head, the administrator: 403, and no audit row.
    for (const username of [USERS.member, USERS.otherCommittee, USERS.departmentHead, USERS.admin]) {
      const refused = await refusedRead(base, username, 403);
      expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'CONFIDENTIAL' });
      await refusedRead(`/assignments/${assignmentId}/evaluations`, username, 403);
    }
    await refusedRead(base, null, 401);
  });

  describe('reserved opinions', () => {
    let subject: { subjectType: string; subjectId: string };

    it('are kept by the official concerned, append-only: two posts are two rows, each audited', async () => {
      subject = { subjectType: 'AnnualEvaluation', subjectId: `${assignmentId}/${year}` };
      const first = await call('POST', '/opinions', USERS.official, {
        ...subject,
        text: 'Tôi bảo lưu ý kiến: đề nghị xếp loại hoàn thành xuất sắc như Trưởng nhóm đề xuất',
      });
      expectStatus(first, 201);
      const second = await call('POST', '/opinions', USERS.official, {
        ...subject,
        text: 'Bổ sung: kết quả tham mưu công tác cán bộ năm nay',
      });
      expectStatus(second, 201);
      expect(second.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
      expect(first.json()).toMatchObject({ ...subject, authorId: 'official-cb-003' });

      const rows = await h.db.prisma.reservedOpinion.findMany({ where: subject, orderBy: { createdAt: 'asc' } });
      expect(rows.map((r) => r.text)).toEqual([
        first.json<{ text: string }>().text,
        second.json<{ text: string }>().text,
      ]);
      const audits = await h.db.prisma.auditEvent.findMany({
        where: { action: 'RESERVED_OPINION_RECORDED', actorId: 'official-cb-003' },
      });
      expect(audits.map((a) => a.entityId).sort()).toEqual(rows.map((r) => r.id).sort());
      expect(audits.every((a) => a.assignmentId === assignmentId)).toBe(true);

      // No route changes or removes one.
      const id = first.json<{ id: string }>().id;
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        expectStatus(await call(method, `/opinions/${id}`, USERS.official, { text: 'sửa lại' }), 404);
        expectStatus(await call(method, '/opinions', USERS.official, { ...subject, text: 'sửa lại' }), 404);
      }
      expect((await h.db.prisma.reservedOpinion.findUniqueOrThrow({ where: { id } })).text).toBe(
        first.json<{ text: string }>().text,
      );
    });

    it('writes once per Idempotency-Key', async () => {
      const headers = { 'idempotency-key': 'opinion-evaluated-1' };
      const payload = { ...subject, text: 'Ý kiến gửi lại khi mất kết nối' };
      const first = await call('POST', '/opinions', USERS.groupLeader, payload, headers);
      expectStatus(first, 201);
      const retry = await call('POST', '/opinions', USERS.groupLeader, payload, headers);
      expectStatus(retry, 201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(first.json());
      expect(await h.db.prisma.reservedOpinion.count({ where: { authorId: 'official-cb-001' } })).toBe(1);
      expect(
        await h.db.prisma.auditEvent.count({
          where: { action: 'RESERVED_OPINION_RECORDED', actorId: 'official-cb-001' },
        }),
      ).toBe(1);
    });

    it('refuses those without a part (403), unknown subjects (404) and bad input (400)', async () => {
      const text = 'Ý kiến';
      // A member of the group is not party to a colleague's evaluation; a department head is no monitoring official.
      expectStatus(await call('POST', '/opinions', USERS.member, { ...subject, text }), 403);
      expectStatus(
        await call('POST', '/opinions', USERS.departmentHead, {
          subjectType: 'Assignment',
          subjectId: assignmentId,
          text,
        }),
        403,
      );
      // Leadership, committees, the administrator are no monitoring officials at all.
      for (const username of [USERS.leader, USERS.committee, USERS.admin])
        expectStatus(await call('POST', '/opinions', username, { ...subject, text }), 403);
      // A group member may keep an opinion on the assignment itself.
      expectStatus(
        await call('POST', '/opinions', USERS.member, {
          subjectType: 'Assignment',
          subjectId: assignmentId,
          text: 'Đề xuất khác về nội dung công tác tại địa bàn',
        }),
        201,
      );

      expectStatus(
        await call('POST', '/opinions', USERS.official, {
          subjectType: 'AnnualEvaluation',
          subjectId: `${assignmentId}/1999`,
          text,
        }),
        404,
      );
      expectStatus(
        await call('POST', '/opinions', USERS.official, {
          subjectType: 'Assignment',
          subjectId: 'no-such-assignment',
          text,
        }),
        404,
      );
      const malformed = await call('POST', '/opinions', USERS.official, {
        subjectType: 'AnnualEvaluation',
        subjectId: assignmentId,
        text,
      });
      expectStatus(malformed, 400);
      expect(errorOf(malformed).issues).toEqual([expect.objectContaining({ path: 'subjectId' })]);
      expectStatus(
        await call('POST', '/opinions', USERS.official, { subjectType: 'Complaint', subjectId: 'x', text }),
        400,
      );
      expectStatus(
        await call('POST', '/opinions', USERS.official, { ...subject, text, authorId: 'official-ld-01' }),
        400,
      );
      expectStatus(await call('POST', '/opinions', USERS.official, { ...subject, text: '   ' }), 400);
    });

    it('are read by those with a part (audited), and by their author in /opinions/mine', async () => {
      const url = `/opinions?subjectType=AnnualEvaluation&subjectId=${encodeURIComponent(subject.subjectId)}`;
      const read = await auditedRead(url, USERS.leader, {
        actorId: 'official-ld-02',
        entityType: 'ReservedOpinion',
        entityId: `AnnualEvaluation:${subject.subjectId}`,
      });
      expect(read.json<{ items: { authorId: string }[] }>().items.map((o) => o.authorId)).toEqual([
        'official-cb-003',
        'official-cb-003',
        'official-cb-001',
      ]);
      const paged = await call('GET', `${url}&limit=2`, USERS.official);
      expectStatus(paged, 200);
      expect(paged.json<{ items: unknown[]; nextCursor: string | null }>()).toMatchObject({
        items: [expect.anything(), expect.anything()],
        nextCursor: expect.any(String),
      });
      for (const username of [USERS.member, USERS.committee, USERS.departmentHead])
        await refusedRead(url, username, 403);

      const mine = await call('GET', '/opinions/mine', USERS.official);
      expectStatus(mine, 200);
      expect(mine.json<{ items: { authorId: string }[] }>().items).toHaveLength(2);
      expect((await call('GET', '/opinions/mine', USERS.leader)).json<{ items: unknown[] }>().items).toEqual([]);
    });
  });
});
