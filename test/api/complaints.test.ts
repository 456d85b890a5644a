/**
 * Complaints over HTTP (fastify inject) against the real time-skipping Temporal server, the real worker and a fresh
 * seeded database: a complaint recorded and verified as well-founded, each role's refusal, who sees what, and one
 * audit row per confidential read; and the OpenAPI document of the evaluation, complaint and opinion routes.
 * Annual evaluations and reserved opinions are in test/api/evaluations.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf } from '../support/api-client';
import { startActiveAssignment } from '../support/assignments';
import { asOfficial, confidentialReads, eventually, expectStatus, USERS } from '../support/confidential-reads';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let app: FastifyInstance;
let call: ReturnType<typeof apiClient>['call'];

beforeAll(async () => {
  suite = await startApiSuite();
  ({
    h,
    app,
    api: { call },
  } = suite);
});

afterAll(async () => {
  await suite?.close();
});

const { readRows, auditedRead, refusedRead } = confidentialReads(() => ({ h, call }));

describe('complaints over HTTP', () => {
  const assignmentId = 'complained-of';
  let complaintId: string;
  const receivedOn = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const lodge = {
    assignmentId,
    summary: 'Đơn phản ánh cán bộ theo dõi địa bàn không nắm tình hình cơ sở',
    source: 'Báo Nghệ An phản ánh',
    receivedOn,
  };

  it('is recorded by a department head (201 with Location), not by officials, the auditor or committees', async () => {
    await startActiveAssignment(h, {
      assignmentId,
      areaId: 'area-na-cualo',
      official: asOfficial('cb-009'),
      proposedBy: h.people.departmentHead,
    });

    for (const username of [USERS.official, USERS.auditor, USERS.committee, USERS.member]) {
      const refused = await call('POST', '/complaints', username, lodge);
      expectStatus(refused, 403);
      expect(errorOf(refused).requiredRoles).toEqual([
        'BOARD_LEADER',
        'HEAD_OF_BOARD',
        'DEPARTMENT_HEAD',
        'ADMINISTRATOR',
      ]);
    }
    expectStatus(
      await call('POST', '/complaints', USERS.departmentHead, { ...lodge, officialId: 'official-cb-009' }),
      400,
    );
    expectStatus(await call('POST', '/complaints', USERS.departmentHead, { ...lodge, receivedOn: '2099-01-01' }), 400);
    expectStatus(await call('POST', '/complaints', USERS.departmentHead, { ...lodge, receivedOn: '20-11-2026' }), 400);
    expectStatus(
      await call('POST', '/complaints', USERS.departmentHead, { ...lodge, assignmentId: 'no-such-assignment' }),
      404,
    );

    const lodged = await call('POST', '/complaints', USERS.departmentHead, lodge);
    expectStatus(lodged, 201);
    const view = lodged.json<{ complaintId: string; state: string; allowedEvents: string[]; receivedOn: string }>();
    complaintId = view.complaintId;
    expect(lodged.headers.location).toBe(`/complaints/${complaintId}`);
    expect(view).toMatchObject({ assignmentId, state: 'filed', allowedEvents: ['START_VERIFICATION'], receivedOn });
    expect(await h.db.prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({
      officialId: 'official-cb-009',
      filedById: 'official-cb-011',
      summary: lodge.summary,
      state: 'filed',
    });
  });

  it('is read by leadership, the auditor and its recorder (each read audited), never by the official concerned or others', async () => {
    const url = `/complaints/${complaintId}`;
    const entity = { entityType: 'Complaint', entityId: complaintId };
    const leader = (await auditedRead(url, USERS.leader, { ...entity, actorId: 'official-ld-02' })).json();
    expect(leader).toMatchObject({
      id: complaintId,
      visibility: 'full',
      summary: lodge.summary,
      receivedOn,
      state: 'filed',
      allowedEvents: ['START_VERIFICATION'],
      verification: null,
    });
    expect((await readRows()).at(-1)?.assignmentId).toBe(assignmentId);
    await auditedRead(url, USERS.auditor, { ...entity, actorId: 'official-cb-014' });
    expect(
      (await auditedRead(url, USERS.departmentHead, { ...entity, actorId: 'official-cb-011' })).json(),
    ).toMatchObject({ visibility: 'recorder' });

    // The official complained about and other officials: not even the route; another department head: not a party.
    for (const username of [USERS.complainedOf, USERS.official, USERS.committee]) await refusedRead(url, username, 403);
    const otherHead = await refusedRead(url, USERS.groupLeader, 403);
    expect(errorOf(otherHead)).toMatchObject({ code: 'FORBIDDEN', reason: 'CONFIDENTIAL' });
    await refusedRead('/complaints/no-such-complaint', USERS.leader, 404);
  });

  it('is verified by the auditor: started, then recorded well-founded, which grounds an early reassignment', async () => {
    const start = `/complaints/${complaintId}/verification/start`;
    const record = `/complaints/${complaintId}/verification`;
    const verification = { outcome: 'WELL_FOUNDED', findings: 'Xác minh có cơ sở: nhiều tháng không đi cơ sở' };
    for (const username of [USERS.official, USERS.departmentHead, USERS.committee, USERS.admin]) {
      expectStatus(await call('POST', start, username), 403);
      expectStatus(await call('POST', record, username, verification), 403);
    }
    expectStatus(await call('POST', start, USERS.auditor, { verifierId: 'official-cb-014' }), 400);
    // Not before it has started.
    const early = await call('POST', record, USERS.auditor, verification);
    expectStatus(early, 409);
    expect(errorOf(early).allowedEvents).toEqual(['START_VERIFICATION']);

    const started = await call('POST', start, USERS.auditor);
    expectStatus(started, 200);
    expect(started.json()).toMatchObject({ complaintId, state: 'underVerification.inTime' });
    expect(started.json<{ allowedEvents: string[] }>().allowedEvents).toContain('RECORD_VERIFICATION');

    expectStatus(await call('POST', record, USERS.auditor, { ...verification, outcome: 'PARTLY' }), 400);
    expectStatus(await call('POST', record, USERS.auditor, { ...verification, findings: '' }), 400);
    expectStatus(await call('POST', record, USERS.auditor, { ...verification, verifiedBy: 'official-cb-014' }), 400);
    const recorded = await call('POST', record, USERS.auditor, verification);
    expectStatus(recorded, 200);
    expect(recorded.json()).toMatchObject({ state: 'verifiedWellFounded' });
    expect(recorded.json<{ allowedEvents: string[] }>().allowedEvents).not.toContain('RECORD_VERIFICATION');
    expectStatus(await call('POST', record, USERS.auditor, { ...verification, outcome: 'UNFOUNDED' }), 409);

    const stored = await h.db.prisma.complaint.findUniqueOrThrow({
      where: { id: complaintId },
      include: { verification: true },
    });
    expect(stored.state).toBe('verifiedWellFounded');
    expect(stored.verification).toMatchObject({
      outcome: 'WELL_FOUNDED',
      verifiedById: 'official-cb-014',
      findings: verification.findings,
    });

    const full = (
      await auditedRead(`/complaints/${complaintId}`, USERS.auditor, {
        entityType: 'Complaint',
        entityId: complaintId,
        actorId: 'official-cb-014',
      })
    ).json();
    expect(full).toMatchObject({
      verifierId: 'official-cb-014',
      verification: { outcome: 'WELL_FOUNDED', findings: verification.findings },
    });
    const recorder = (
      await auditedRead(`/complaints/${complaintId}`, USERS.departmentHead, {
        entityType: 'Complaint',
        entityId: complaintId,
        actorId: 'official-cb-011',
      })
    ).json();
    expect(recorder).toMatchObject({
      visibility: 'recorder',
      verification: { outcome: 'WELL_FOUNDED', findings: null },
    });

    // The assignment now carries the ground; the reassignment itself waits for leadership.
    await eventually(() =>
      h.db.prisma.approvalRequest.findFirst({ where: { assignmentId, kind: 'EARLY_REASSIGNMENT', status: 'PENDING' } }),
    );
  });

  it('lists complaints page by page for leadership, filtered by assignment and state, each page an audited read', async () => {
    // A second complaint, recorded by a Board leader, who then may not verify it.
    const second = await call('POST', '/complaints', USERS.secondLeader, {
      ...lodge,
      summary: 'Phản ánh thứ hai',
      source: undefined,
    });
    expectStatus(second, 201);
    const secondId = second.json<{ complaintId: string }>().complaintId;
    const self = await call('POST', `/complaints/${secondId}/verification/start`, USERS.secondLeader, {});
    expectStatus(self, 422);
    expect(errorOf(self).rule).toBe('VERIFIER_NOT_INDEPENDENT');

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const url = `/complaints?assignmentId=${assignmentId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await auditedRead(url, USERS.leader, {
        actorId: 'official-ld-02',
        entityType: 'Complaint',
        entityId: assignmentId,
      });
      const body = response.json<{ items: { id: string; source: string }[]; nextCursor: string | null }>();
      expect(body.items).toHaveLength(1);
      expect((await readRows()).at(-1)?.payload).toMatchObject({ ids: [body.items[0]!.id] });
      seen.push(body.items[0]!.id);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual([complaintId, secondId].sort());

    const founded = (await call('GET', '/complaints?state=verifiedWellFounded', USERS.auditor)).json<{
      items: { id: string }[];
    }>();
    expect(founded.items.map((c) => c.id)).toEqual([complaintId]);
    const filed = (await call('GET', '/complaints?state=filed', USERS.head)).json<{
      items: { id: string; source: string }[];
    }>();
    expect(filed.items).toEqual([expect.objectContaining({ id: secondId, source: 'Đơn thư' })]);
    // A recorder sees only what they recorded.
    expect(
      (await call('GET', '/complaints', USERS.departmentHead))
        .json<{ items: { id: string }[] }>()
        .items.map((c) => c.id),
    ).toEqual([complaintId]);
    expect((await call('GET', '/complaints', USERS.groupLeader)).json<{ items: unknown[] }>().items).toEqual([]);
    for (const username of [USERS.official, USERS.complainedOf, USERS.committee])
      await refusedRead('/complaints', username, 403);
    expectStatus(await call('GET', '/complaints?limit=0', USERS.leader), 400);
    expectStatus(await call('GET', '/complaints?officialId=official-cb-009', USERS.leader), 400);
  });
});

describe('the OpenAPI document', () => {
  it('documents these routes with their roles', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expectStatus(response, 200);
    const paths = response.json<{ paths: Record<string, Record<string, { description?: string }>> }>().paths;
    for (const [path, method] of [
      ['/assignments/{id}/evaluations', 'get'],
      ['/assignments/{id}/evaluations/{year}', 'get'],
      ['/assignments/{id}/evaluations/{year}/area-evaluation', 'post'],
      ['/assignments/{id}/evaluations/{year}/proposal', 'post'],
      ['/assignments/{id}/evaluations/{year}/rating', 'post'],
      ['/complaints', 'post'],
      ['/complaints', 'get'],
      ['/complaints/{id}', 'get'],
      ['/complaints/{id}/verification/start', 'post'],
      ['/complaints/{id}/verification', 'post'],
      ['/opinions', 'post'],
      ['/opinions', 'get'],
      ['/opinions/mine', 'get'],
    ] as const) {
      expect(paths[path]?.[method]?.description, `${method} ${path}`).toMatch(/Roles: /);
    }
    expect(Object.keys(paths['/opinions'] ?? {}).sort()).toEqual(['get', 'post']);
  });
});
