/**
 * Login and tokens, roles, and the OpenAPI document, through the HTTP API in process against the real time-skipping
 * Temporal server, the real worker and a fresh seeded database. The assignment routes are in
 * test/api/assignments.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer } from '../../api/server';
import { apiClient, errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let app: FastifyInstance;
const signer = new TokenSigner(Buffer.from('test-secret-of-at-least-32-bytes!!'));

let login: ReturnType<typeof apiClient>['login'];
let tokenOf: ReturnType<typeof apiClient>['tokenOf'];
let call: ReturnType<typeof apiClient>['call'];

beforeAll(async () => {
  h = await startLifecycleHarness();
  app = buildServer(
    { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
    { tokens: signer },
  );
  await app.ready();
  ({ login, tokenOf, call } = apiClient(app));
});

afterAll(async () => {
  await app?.close();
  await h?.close();
});

describe('authentication', () => {
  it('logs in every kind of user and returns their roles and actor', async () => {
    const expected: Record<string, { roles: string[]; actorId: string | RegExp }> = {
      [USERS.head]: { roles: ['HEAD_OF_BOARD', 'BOARD_LEADER'], actorId: 'official-ld-01' },
      [USERS.leader]: { roles: ['BOARD_LEADER'], actorId: 'official-ld-02' },
      [USERS.departmentHead]: { roles: ['OFFICIAL', 'DEPARTMENT_HEAD'], actorId: 'official-cb-011' },
      [USERS.official]: { roles: ['OFFICIAL'], actorId: 'official-cb-003' },
      [USERS.auditor]: { roles: ['OFFICIAL', 'AUDITOR'], actorId: 'official-cb-014' },
      [USERS.admin]: { roles: ['ADMINISTRATOR'], actorId: /.+/ },
      [USERS.committee]: { roles: ['AREA_COMMITTEE'], actorId: /.+/ },
    };
    for (const [username, want] of Object.entries(expected)) {
      const response = await login(username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(200);
      const body = response.json<{
        token: string;
        expiresAt: string;
        user: { roles: string[]; actorId: string; areaId: string | null; displayName: string };
      }>();
      expect(body.token).toMatch(/^[\w-]+\.[\w-]+$/);
      expect([...body.user.roles].sort()).toEqual([...want.roles].sort());
      expect(body.user.actorId).toMatch(want.actorId);
      const hours = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(7.9);
      expect(hours).toBeLessThanOrEqual(8);
      if (username === USERS.committee) expect(body.user.areaId).toBe('area-na-vinh');
    }
    // Vietnamese diacritics survive the round trip.
    expect((await login(USERS.leader)).json<{ user: { displayName: string } }>().user.displayName).toBe(
      'Trần Thị Hồng Minh',
    );
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await login(USERS.leader, 'not-the-password');
    const unknown = await login('no-such-user');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(wrong)).toEqual(errorOf(unknown));
  });

  it('answers 401 without a token, with a forged, malformed or expired one, and after logout', async () => {
    const url = '/approvals/inbox';
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect(errorOf(await app.inject({ method: 'GET', url })).code).toBe('UNAUTHENTICATED');
    const good = await tokenOf(USERS.head);
    const [body] = good.split('.');
    const forged = `${body}.${new TokenSigner(Buffer.from('another-secret-of-at-least-32-bytes')).issue('x').token.split('.')[1]}`;
    for (const bad of [forged, 'garbage', `${good}x`, signer.issue('user-x', Date.now() - 9 * 3_600_000).token]) {
      const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bad}` } });
      expect(response.statusCode, bad).toBe(401);
    }
    // A signed, unexpired token whose session was never recorded is not accepted either.
    const unrecorded = signer.issue('user-x').token;
    expect(
      (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${unrecorded}` } })).statusCode,
    ).toBe(401);

    const session = (await login(USERS.leader)).json<{ token: string }>().token;
    const headers = { authorization: `Bearer ${session}` };
    expect((await app.inject({ method: 'GET', url, headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/auth/logout', headers })).statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url, headers });
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).message).toMatch(/revoked/);
  });

  it('stops password guessing: 429 with Retry-After after 10 attempts for one username, others unaffected', async () => {
    for (let attempt = 1; attempt <= 10; attempt += 1)
      expect((await login('ld03', `guess-${attempt}`)).statusCode).toBe(401);
    const blocked = await login('ld03');
    expect(blocked.statusCode).toBe(429);
    expect(errorOf(blocked).code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('ld04')).statusCode).toBe(200);
  });

  it('answers 403 naming the roles a route needs', async () => {
    const response = await call('GET', '/approvals/inbox', USERS.official);
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
    expect(errorOf(response).message).toContain('BOARD_LEADER');
    expect(errorOf(response).requiredRoles).toEqual(['BOARD_LEADER', 'HEAD_OF_BOARD']);
  });
});

describe('OpenAPI', () => {
  it('documents every route from its zod schemas, with the roles that may call it', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    type Operation = {
      summary?: string;
      description?: string;
      security?: unknown[];
      requestBody?: {
        content: Record<
          string,
          { schema: { properties?: Record<string, unknown>; required?: string[]; additionalProperties?: boolean } }
        >;
      };
    };
    const doc = response.json<{ openapi: string; paths: Record<string, Record<string, Operation>> }>();
    expect(doc.openapi).toBe('3.1.0');
    const propose = doc.paths['/assignments']!.post!;
    const body = propose.requestBody!.content['application/json']!.schema;
    expect(Object.keys(body.properties!)).toEqual(['areaId', 'officialId', 'groupId', 'effectiveFrom', 'reason']);
    expect(body.required).toEqual(['areaId', 'officialId', 'effectiveFrom', 'reason']);
    expect(body.additionalProperties).toBe(false);
    expect(propose.description).toContain('Roles: BOARD_LEADER, HEAD_OF_BOARD, DEPARTMENT_HEAD.');
    expect(propose.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/assignments/{id}/approve']!.post!.requestBody).toBeDefined();
    expect(doc.paths['/auth/login']!.post!.security).toBeUndefined();
    // Every route the server has is in the document (but the documentation's own).
    const routes = app.printRoutes({ commonPrefix: false });
    for (const path of [
      '/approvals/inbox',
      '/assignments/{id}/timeline',
      '/assignments/{id}/history',
      '/audit/replay',
      '/audit/verify',
    ]) {
      expect(Object.keys(doc.paths), routes).toContain(path);
    }
  });

  it('serves the interactive documentation at /docs from the package, no CDN', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
  });
});
