/**
 * Hostile input against the whole HTTP API (real time-skipping Temporal server, worker and database): malformed
 * JSON, wrong types on every POST route, bodies over the limit, unknown fields, injection-looking text with
 * Vietnamese diacritics (stored and returned byte for byte), prototype pollution, odd path parameters, and
 * replayed idempotency keys. Whatever arrives, the answer is a 4xx with a reason, never a 500 or a partial write.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenSigner } from '../../api/auth/tokens';
import { BODY_LIMIT_BYTES, buildServer } from '../../api/server';
import type { AssignmentView } from '../../workflows/assignment.messages';
import { nextMonth } from '../../machines/calendar';
import { apiClient, type ApiResponse, errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let app: FastifyInstance;
let call: ReturnType<typeof apiClient>['call'];
let tokenOf: ReturnType<typeof apiClient>['tokenOf'];

beforeAll(async () => {
  h = await startLifecycleHarness();
  app = buildServer(
    { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
    { tokens: new TokenSigner(Buffer.alloc(32, 3)) },
  );
  await app.ready();
  ({ call, tokenOf } = apiClient(app));
});

afterAll(async () => {
  await app?.close();
  await h?.close();
});

/** A client error with our error body: a status below 500 and a code saying what was wrong. */
function expectClientError(response: ApiResponse, context: string): void {
  expect(response.statusCode, `${context}: ${response.body}`).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, `${context}: ${response.body}`).toBeLessThan(500);
  expect(errorOf(response).code, context).toMatch(/^[A-Za-z_]+$/);
  expect(errorOf(response).message, context).toBeTruthy();
}

const rowCounts = async () => ({
  assignments: await h.db.prisma.assignment.count(),
  audit: await h.db.prisma.auditEvent.count({ where: { action: { not: 'CONFIDENTIAL_READ' } } }),
  opinions: await h.db.prisma.reservedOpinion.count(),
  complaints: await h.db.prisma.complaint.count(),
});

describe('roles', () => {
  it('every route refuses anonymous callers (401) and each seeded user whose roles it does not name (403)', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { 'x-roles'?: string[] }>>;
    }>();
    const rolesOf = new Map<string, string[]>();
    for (const username of Object.values(USERS)) {
      const response = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username, password: `DiaBan@${username}` },
      });
      rolesOf.set(username, response.json<{ user: { roles: string[] } }>().user.roles);
    }
    let refusals = 0;
    for (const [template, methods] of Object.entries(doc.paths)) {
      const url = template.replace(/\{[^}]+\}/g, (param) =>
        param === '{period}' ? '2027-01' : param === '{year}' ? '2027' : 'x',
      );
      for (const [method, operation] of Object.entries(methods)) {
        const allowed = operation['x-roles'];
        if (!allowed) continue;
        const verb = method.toUpperCase() as 'GET' | 'POST';
        const anonymous = await app.inject({ method: verb, url });
        expect(anonymous.statusCode, `${verb} ${url} anonymous`).toBe(401);
        for (const [username, roles] of rolesOf) {
          if (roles.some((role) => allowed.includes(role))) continue;
          const response = await call(verb, url, username, verb === 'POST' ? {} : undefined);
          expect(response.statusCode, `${verb} ${url} as ${username} (${roles.join(', ')})`).toBe(403);
          expect(errorOf(response).requiredRoles).toEqual(allowed);
          refusals += 1;
        }
      }
    }
    // Seven kinds of user against every route: most routes are closed to several of them.
    expect(refusals).toBeGreaterThanOrEqual(60);
  });
});

describe('every POST route, wrong types', () => {
  const GARBAGE: [string, unknown][] = [
    ['an array', [1, 2, 3]],
    ['a string', 'chuỗi'],
    ['a number', 42],
    ['null', null],
    ['nested nulls', { a: null, b: { c: null } }],
    [
      'wrong types for common fields',
      { areaId: 1, officialId: true, reason: ['x'], text: {}, rating: 7, outcome: 0, period: null, history: 'x' },
    ],
  ];

  it('answers each with a 4xx and writes nothing', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const posts = Object.entries(doc.paths)
      .filter(([, methods]) => 'post' in methods)
      .map(([path]) =>
        path.replace(/\{[^}]+\}/g, (param) => (param === '{period}' ? '2027-01' : param === '{year}' ? '2027' : 'x')),
      );
    expect(posts.length).toBeGreaterThanOrEqual(10);
    const before = await rowCounts();
    for (const url of posts) {
      if (url === '/auth/logout') continue; // takes no body; it would end the session used here
      for (const [what, payload] of GARBAGE) {
        const response = await app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${await tokenOf(USERS.head)}`, 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        expectClientError(response, `POST ${url} with ${what}`);
      }
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('injection-looking text with Vietnamese diacritics', () => {
  const HOSTILE = `Nguyễn Thị Ánh Tuyết'); DROP TABLE "Assignment"; -- <script>alert("đã xem")</script> \${jndi:ldap://x} {{7*7}} ‮ ̀ 𝔸 \\ %s`;

  /** The proposal's record, once the workflow's activity has written it. */
  const storedReason = (assignmentId: string) =>
    vi.waitFor(async () => (await h.db.prisma.approvalRequest.findFirstOrThrow({ where: { assignmentId } })).reason, {
      timeout: 10_000,
      interval: 100,
    });

  it('is stored and returned byte for byte, as text, and the tables are intact', async () => {
    const month = nextMonth(new Date(await h.env.currentTimeMs()).toISOString().slice(0, 7));
    const response = await call('POST', '/assignments', USERS.officialsHead, {
      areaId: 'area-na-namdan',
      officialId: 'official-cb-003',
      effectiveFrom: `${month}-01`,
      reason: HOSTILE,
    });
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json<AssignmentView>().assignmentId;
    expect(await storedReason(id)).toBe(HOSTILE.trim());
    const inbox = await call('GET', '/approvals/inbox?limit=100', USERS.leader);
    expect(
      inbox.json<{ items: { assignmentId: string; reason: string }[] }>().items.find((i) => i.assignmentId === id)
        ?.reason,
    ).toBe(HOSTILE.trim());
    expect(inbox.headers['content-type']).toMatch(/^application\/json/);
    expect(await h.db.prisma.assignment.count()).toBeGreaterThan(0);
  });

  it('refuses a NUL character with 400 naming the field (PostgreSQL could never store it)', async () => {
    const before = await rowCounts();
    const response = await call('POST', '/assignments', USERS.departmentHead, {
      areaId: 'area-na-vinh',
      officialId: 'official-cb-004',
      effectiveFrom: '2030-01-01',
      reason: 'Lý do\u0000ẩn',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).issues).toEqual([
      { path: 'reason', message: 'NUL characters are not accepted (in body)' },
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps decomposed (NFD) diacritics as sent, and finds nothing for SQL in a path parameter', async () => {
    const nfd = 'Nghệ An'.normalize('NFD');
    const response = await call('POST', '/assignments', USERS.officialsHead, {
      areaId: 'area-na-vinh',
      officialId: 'official-cb-004',
      effectiveFrom: '2030-01-01',
      reason: `Theo dõi ${nfd}`,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(await storedReason(response.json<AssignmentView>().assignmentId)).toBe(`Theo dõi ${nfd}`);
    for (const id of ["x' OR '1'='1", '../../etc/passwd', '%00', 'ａｓｓｉｇｎｍｅｎｔ']) {
      const read = await call('GET', `/assignments/${encodeURIComponent(id)}/timeline`, USERS.leader);
      expect(read.statusCode, id).toBe(404);
    }
  });
});

describe('prototype pollution and odd JSON', () => {
  it('refuses __proto__ and constructor keys, and leaves objects unpolluted', async () => {
    const headers = {
      authorization: `Bearer ${await tokenOf(USERS.departmentHead)}`,
      'content-type': 'application/json',
    };
    const proto = await app.inject({
      method: 'POST',
      url: '/assignments',
      headers,
      payload:
        '{"areaId":"area-na-namdan","officialId":"official-cb-003","effectiveFrom":"2030-01-01","reason":"x","__proto__":{"isAdmin":true}}',
    });
    expectClientError(proto, '__proto__');
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
    const deep = await app.inject({
      method: 'POST',
      url: '/assignments',
      headers,
      payload: `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    });
    expectClientError(deep, 'deeply nested arrays');
    const hugeNumber = await app.inject({ method: 'GET', url: '/approvals/inbox?limit=1e309', headers });
    expectClientError(hugeNumber, 'limit=1e309');
  });
});

describe('Idempotency-Key', () => {
  const body = {
    areaId: 'area-na-thaihoa',
    officialId: 'official-cb-012', // of the proposer's own department
    effectiveFrom: '2027-03-01',
    reason: 'Phân công theo dõi Thị xã Thái Hòa',
  };
  const post = async (username: string, key: string, payload: unknown) =>
    app.inject({
      method: 'POST',
      url: '/assignments',
      headers: { authorization: `Bearer ${await tokenOf(username)}`, 'idempotency-key': key },
      payload: payload as object,
    });

  it('replays the stored response to a retry instead of proposing twice', async () => {
    const first = await post(USERS.departmentHead, 'propose-thaihoa-1', body);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await post(USERS.departmentHead, 'propose-thaihoa-1', body);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const id = first.json<AssignmentView>().assignmentId;
    expect(await h.db.prisma.approvalRequest.count({ where: { assignment: { areaId: 'area-na-thaihoa' } } })).toBe(1);
    expect(
      (await h.db.prisma.approvalRequest.findFirst({ where: { assignment: { areaId: 'area-na-thaihoa' } } }))
        ?.assignmentId,
    ).toBe(id);
  });

  it('replays a refusal as a refusal: a retried approval by the proposer stays one 422', async () => {
    const proposed = await post(USERS.head, 'propose-cualo-1', {
      ...body,
      areaId: 'area-na-cualo',
      officialId: 'official-cb-008',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json<AssignmentView>().assignmentId;
    const approve = () =>
      call(
        'POST',
        `/assignments/${id}/approve`,
        USERS.head,
        { decision: { number: '9-QĐ/BTCTU', issuedOn: '2027-02-01', signerId: 'official-ld-01' } },
        { 'idempotency-key': 'approve-own-1' },
      );
    const first = await approve();
    const second = await approve();
    expect(first.statusCode).toBe(422);
    expect(second.statusCode).toBe(422);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await h.db.prisma.approvalDecision.count({ where: { request: { assignmentId: id } } })).toBe(0);
  });

  it('refuses the same key for another request (422), keeps keys per user, and checks the key', async () => {
    const reused = await post(USERS.departmentHead, 'propose-thaihoa-1', { ...body, reason: 'Lý do khác' });
    expect(reused.statusCode).toBe(422);
    expect(errorOf(reused).code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another user's key of the same name is theirs: a fresh request (refused here on its own merits: unknown field).
    const otherUser = await post(USERS.head, 'propose-thaihoa-1', { ...body, extra: true });
    expect(otherUser.statusCode).toBe(400);
    expect(otherUser.headers['idempotent-replayed']).toBeUndefined();
    expect((await post(USERS.departmentHead, 'bad key with spaces', body)).statusCode).toBe(400);
    expect((await post(USERS.departmentHead, 'khóa-có-dấu', body)).statusCode).toBe(400);
  });
});

describe('bad input', () => {
  it('answers 400 with the field paths of every issue', async () => {
    const response = await call('POST', '/assignments', USERS.departmentHead, {
      areaId: 'area-na-namdan',
      effectiveFrom: '2026-13-45',
      reason: '  ',
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('INVALID_INPUT');
    const paths = (error.issues as { path: string; message: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['officialId', 'effectiveFrom', 'reason']));
  });

  it('bounds every date at the edge (2000 to 2100): 400 naming the field, and no workflow started', async () => {
    const base = { areaId: 'area-na-namdan', officialId: 'official-cb-003', reason: 'Ngày ngoài khoảng' };
    const before = await h.db.prisma.assignment.count();
    for (const effectiveFrom of ['9999-12-31', '0001-01-01', '1999-12-31', '2101-01-01']) {
      const response = await call('POST', '/assignments', USERS.departmentHead, { ...base, effectiveFrom });
      expect(response.statusCode, effectiveFrom).toBe(400);
      expect((errorOf(response).issues as { path: string }[]).map((i) => i.path)).toEqual(['effectiveFrom']);
    }
    const complaint = await call('POST', '/complaints', USERS.leader, {
      assignmentId: 'x',
      summary: 'x',
      receivedOn: '0001-01-01',
    });
    expect(complaint.statusCode).toBe(400);
    const dashboard = await call('GET', '/dashboard/overdue?asOf=9999-12-31', USERS.leader);
    expect(dashboard.statusCode).toBe(400);
    expect(await h.db.prisma.assignment.count()).toBe(before);
  });

  it('rejects unknown fields, in bodies and in query strings', async () => {
    const response = await call('POST', '/assignments', USERS.departmentHead, {
      areaId: 'area-na-namdan',
      officialId: 'official-cb-003',
      effectiveFrom: '2027-01-01',
      reason: 'Lý do',
      proposedBy: 'official-ld-01',
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(errorOf(response).issues)).toContain('proposedBy');
    const query = await call('GET', '/approvals/inbox?limit=5&status=ALL', USERS.leader);
    expect(query.statusCode).toBe(400);
    expect(JSON.stringify(errorOf(query).issues)).toContain('status');
  });

  it('answers 404 for an unknown area or assignment, 400 for an unknown official', async () => {
    const base = { officialId: 'official-cb-003', effectiveFrom: '2027-01-01', reason: 'Lý do' };
    expect(
      (await call('POST', '/assignments', USERS.departmentHead, { ...base, areaId: 'area-nowhere' })).statusCode,
    ).toBe(404);
    const official = await call('POST', '/assignments', USERS.departmentHead, {
      ...base,
      areaId: 'area-na-namdan',
      officialId: 'official-nobody',
    });
    expect(official.statusCode).toBe(400);
    expect(errorOf(official).path).toBe('officialId');
    const unknown = await call('GET', '/assignments/no-such-assignment', USERS.leader);
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect((await call('GET', '/no-such-route', USERS.leader)).statusCode).toBe(404);
  });

  it('answers 400 for malformed JSON, 413 over the size limit, 415 for other media types, never 500', async () => {
    const headers = {
      authorization: `Bearer ${await tokenOf(USERS.departmentHead)}`,
      'content-type': 'application/json',
    };
    const malformed = await app.inject({ method: 'POST', url: '/assignments', headers, payload: '{"areaId": ' });
    expectClientError(malformed, 'malformed JSON');
    expect(malformed.statusCode).toBe(400);
    const large = await app.inject({
      method: 'POST',
      url: '/assignments',
      headers,
      payload: JSON.stringify({ reason: 'x'.repeat(BODY_LIMIT_BYTES) }),
    });
    expect(large.statusCode).toBe(413);
    expectClientError(large, 'over the limit');
    // Without a token the body is not even read.
    const anonymous = await app.inject({
      method: 'POST',
      url: '/assignments',
      headers: { 'content-type': 'application/json' },
      payload: '{"areaId": ',
    });
    expect(anonymous.statusCode).toBe(401);
    const xml = await app.inject({
      method: 'POST',
      url: '/assignments',
      headers: { ...headers, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    const notJson = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: 'username=a',
      headers: { 'content-type': 'text/plain' },
    });
    expectClientError(notJson, 'text/plain login');
  });
});
