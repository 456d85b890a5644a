/**
 * Accounts at the HTTP edge: the administrator creates an account with a one-time password that must be changed at
 * first login, resets it, deactivates and reactivates; a user changes their own password against the policy. A
 * deactivation or a reset ends the account's sessions at their next request on every API process (a second server
 * over the same database stands for another process). The administrator's outbox shows no trace of a report on a
 * sensitive matter. Real time-skipping Temporal server, real worker, fresh seeded database.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer } from '../../api/server';
import { composeNoticeMail } from '../../labels/notifications';
import { type ApiResponse, errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { startActiveAssignment } from '../support/assignments';
import { asOfficial } from '../support/confidential-reads';

const SECRET = 'test-secret-of-at-least-32-bytes!!';
let s: ApiSuite;
/** Another API process: its own session cache, the same database and signing secret. */
let other: FastifyInstance;

beforeAll(async () => {
  s = await startApiSuite(SECRET);
  other = buildServer(
    { prisma: s.h.db.prisma, provider: s.h.db.provider, temporal: s.h.client, taskQueue: s.h.taskQueue },
    { tokens: new TokenSigner(Buffer.from(SECRET)) },
  );
  await other.ready();
});

afterAll(async () => {
  await other?.close();
  await s?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** A request with a raw token, on this process or the other. */
async function withToken(token: string, method: 'GET' | 'POST', url: string, payload?: unknown, app?: FastifyInstance) {
  const response = await (app ?? s.app).inject({
    method,
    url,
    headers: bearer(token),
    ...(payload ? { payload } : {}),
  });
  return response as unknown as ApiResponse;
}

interface Account {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  active: boolean;
  mustChangePassword: boolean;
  official: { id: string } | null;
  area: { id: string } | null;
}
type Created = { account: Account; oneTimePassword: string };

const create = (body: Record<string, unknown>) => s.api.call('POST', '/admin/accounts', USERS.admin, body);

async function loggedIn(username: string, password: string) {
  const response = await s.api.login(username, password);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ token: string; user: { mustChangePassword: boolean; actorId: string } }>();
}

async function newOfficial(code: string) {
  return s.h.db.prisma.official.create({
    data: { id: `official-${code.toLowerCase()}`, code, fullName: `Nguyễn Văn ${code}`, position: 'SPECIALIST' },
  });
}

describe('an account created by the administrator', () => {
  let created: Created;

  it('is for an official, with a one-time password answered once and not stored with its key', async () => {
    const official = await newOfficial('CB-101');
    const response = await s.api.call(
      'POST',
      '/admin/accounts',
      USERS.admin,
      { username: 'cb101', roles: ['OFFICIAL'], officialId: official.id },
      { 'idempotency-key': 'create-cb101' },
    );
    expect(response.statusCode, response.body).toBe(201);
    created = response.json<Created>();
    expect(created.account).toMatchObject({
      username: 'cb101',
      displayName: 'Nguyễn Văn CB-101',
      roles: ['OFFICIAL'],
      official: { id: official.id },
      active: true,
      mustChangePassword: true,
    });
    expect(created.oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    // The answer holds a secret: nothing of it rests in the idempotency records; a repeat finds the username taken.
    const stored = await s.h.db.prisma.idempotencyRecord.findMany({ where: { key: 'create-cb101' } });
    expect(stored).toEqual([]);
    const again = await s.api.call(
      'POST',
      '/admin/accounts',
      USERS.admin,
      { username: 'cb101', roles: ['OFFICIAL'], officialId: official.id },
      { 'idempotency-key': 'create-cb101' },
    );
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('USERNAME_TAKEN');
  });

  it('must change the password at first login: until then only /me, the change and logout answer', async () => {
    const login = await loggedIn('cb101', created.oneTimePassword);
    expect(login.user).toMatchObject({ mustChangePassword: true, actorId: 'official-cb-101' });
    const inbox = await withToken(login.token, 'GET', '/assignments');
    expect(inbox.statusCode).toBe(403);
    expect(errorOf(inbox)).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect((await withToken(login.token, 'GET', '/me')).statusCode).toBe(200);
    expect((await withToken(login.token, 'GET', '/me/password/policy')).json()).toMatchObject({ minLength: 10 });

    const change = (newPassword: string, currentPassword = created.oneTimePassword) =>
      withToken(login.token, 'POST', '/me/password', { currentPassword, newPassword });
    const refusals: [string, string, string?][] = [
      ['short1', 'PASSWORD_TOO_SHORT'],
      ['khongcochuso', 'PASSWORD_NEEDS_DIGIT'],
      ['1234567890', 'PASSWORD_NEEDS_LETTER'],
      ['cb101-mat-khau-2026', 'PASSWORD_CONTAINS_USERNAME'],
      [created.oneTimePassword, 'PASSWORD_UNCHANGED'],
      ['Hoa sen 2026 nở', 'CURRENT_PASSWORD_WRONG', 'not-the-one-time-password'],
    ];
    for (const [password, rule, current] of refusals) {
      const refused = await change(password, current);
      expect(refused.statusCode, `${rule}: ${refused.body}`).toBe(422);
      expect(errorOf(refused)).toMatchObject({ code: 'RuleViolated', rule });
    }
    expect(errorOf(await withToken(login.token, 'POST', '/me/password', { newPassword: 'x' })).issues).toMatchObject([
      { path: 'currentPassword' },
    ]);

    const changed = await change('Hoa sen 2026 nở');
    expect(changed.statusCode, changed.body).toBe(200);
    const { token } = changed.json<{ token: string }>();
    // The one-time session ended with the change; the new token reaches everything the roles allow.
    expect((await withToken(login.token, 'GET', '/me')).statusCode).toBe(401);
    expect((await withToken(token, 'GET', '/assignments')).statusCode).toBe(200);
    expect((await loggedIn('cb101', 'Hoa sen 2026 nở')).user.mustChangePassword).toBe(false);
    expect((await s.api.login('cb101', created.oneTimePassword)).statusCode).toBe(401);
  });

  it('is for an area committee, with that role alone; the rules name what is wrong', async () => {
    const committee = await create({
      username: 'diaban-cualo',
      displayName: 'Ban Thường vụ Thị ủy Cửa Lò',
      roles: ['AREA_COMMITTEE'],
      areaId: 'area-na-cualo',
      email: 'btv@cualo.nghean.example',
    });
    expect(committee.statusCode, committee.body).toBe(201);
    expect(committee.json<Created>().account).toMatchObject({ area: { id: 'area-na-cualo' }, official: null });

    const refused: [Record<string, unknown>, number, string][] = [
      [{ username: 'x1-staff', displayName: 'X', roles: ['OFFICIAL'] }, 422, 'ACCOUNT_NEEDS_OFFICIAL'],
      [
        { username: 'x2-area', displayName: 'X', roles: ['AREA_COMMITTEE', 'OFFICIAL'], areaId: 'area-na-cualo' },
        422,
        'AREA_ACCOUNT_ROLE_ALONE',
      ],
      [
        { username: 'x3-area', displayName: 'X', roles: ['AREA_COMMITTEE'], areaId: 'area-nowhere' },
        422,
        'UNKNOWN_AREA',
      ],
      [{ username: 'xx4', roles: ['OFFICIAL'], officialId: 'official-nobody' }, 422, 'UNKNOWN_OFFICIAL'],
      [{ username: 'xx5', roles: ['OFFICIAL'], officialId: 'official-cb-003' }, 409, 'OFFICIAL_HAS_ACCOUNT'],
      [{ username: 'cb003', roles: ['OFFICIAL'], officialId: 'official-cb-101' }, 409, 'USERNAME_TAKEN'],
    ];
    for (const [body, status, rule] of refused) {
      const response = await create(body);
      expect(response.statusCode, `${rule}: ${response.body}`).toBe(status);
      const error = errorOf(response);
      expect(status === 409 ? error.code : error.rule).toBe(rule);
    }
    expect(errorOf(await create({ username: 'A B', roles: ['OFFICIAL'] })).issues).toMatchObject([
      { path: 'username' },
    ]);
    expect(
      (await s.api.call('POST', '/admin/accounts', USERS.head, { username: 'zz1', roles: ['ADMINISTRATOR'] }))
        .statusCode,
    ).toBe(403);
  });

  it('lists the accounts for the administrator only', async () => {
    const page = await s.api.call('GET', '/admin/accounts?limit=100', USERS.admin);
    expect(page.statusCode, page.body).toBe(200);
    const items = page.json<{ items: Account[] }>().items;
    expect(items.find((a) => a.username === 'cb101')).toMatchObject({ mustChangePassword: false, active: true });
    // The demo's users keep their passwords, with no change asked.
    expect(items.find((a) => a.username === USERS.official)).toMatchObject({ mustChangePassword: false });
    expect((await s.api.call('GET', '/admin/accounts', USERS.head)).statusCode).toBe(403);
  });
});

describe('a reset, a deactivation: the sessions end at their next request, on every process', () => {
  let account: Account;
  let password: string;

  beforeAll(async () => {
    const official = await newOfficial('CB-102');
    const created = (await create({ username: 'cb102', roles: ['OFFICIAL'], officialId: official.id })).json<Created>();
    account = created.account;
    const first = await loggedIn('cb102', created.oneTimePassword);
    password = 'Sông Lam 2026 xanh';
    const changed = await withToken(first.token, 'POST', '/me/password', {
      currentPassword: created.oneTimePassword,
      newPassword: password,
    });
    expect(changed.statusCode, changed.body).toBe(200);
  });

  /** A session known to both processes' caches. */
  async function sessionOnBoth(): Promise<string> {
    const { token } = await loggedIn('cb102', password);
    for (const app of [s.app, other])
      expect((await withToken(token, 'GET', '/assignments', undefined, app)).statusCode).toBe(200);
    return token;
  }

  it('a reset gives a one-time password again and ends the sessions', async () => {
    const token = await sessionOnBoth();
    const reset = await s.api.call('POST', `/admin/accounts/${account.id}/reset-password`, USERS.admin);
    expect(reset.statusCode, reset.body).toBe(200);
    const { oneTimePassword } = reset.json<Created>();
    for (const app of [s.app, other]) {
      const refused = await withToken(token, 'GET', '/assignments', undefined, app);
      expect(refused.statusCode).toBe(401);
    }
    expect((await s.api.login('cb102', password)).statusCode).toBe(401);
    const again = await loggedIn('cb102', oneTimePassword);
    expect(again.user.mustChangePassword).toBe(true);
    const changed = await withToken(again.token, 'POST', '/me/password', {
      currentPassword: oneTimePassword,
      newPassword: password + '!',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    password += '!';
  });

  it('a deactivation ends the sessions and the logins; a reactivation lets the same password in again', async () => {
    const token = await sessionOnBoth();
    const off = await s.api.call('POST', `/admin/accounts/${account.id}/deactivate`, USERS.admin);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<Account>().active).toBe(false);
    for (const app of [other, s.app])
      expect((await withToken(token, 'GET', '/me', undefined, app)).statusCode).toBe(401);
    expect((await s.api.login('cb102', password)).statusCode).toBe(401);
    // Deactivating again changes nothing.
    expect(
      (await s.api.call('POST', `/admin/accounts/${account.id}/deactivate`, USERS.admin)).json<Account>().active,
    ).toBe(false);

    const on = await s.api.call('POST', `/admin/accounts/${account.id}/reactivate`, USERS.admin);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json<Account>().active).toBe(true);
    await loggedIn('cb102', password);
    // The old token stays ended: a reactivation revives no session.
    expect((await withToken(token, 'GET', '/me')).statusCode).toBe(401);
  });

  it('a logout through one process refuses the token at once on the other', async () => {
    const token = await sessionOnBoth();
    expect((await withToken(token, 'POST', '/auth/logout')).statusCode).toBe(204);
    expect((await withToken(token, 'GET', '/assignments', undefined, other)).statusCode).toBe(401);
  });

  it('an administrator does not deactivate their own account, so one always remains; another administrator’s, yes', async () => {
    const admin = await s.h.db.prisma.user.findUniqueOrThrow({ where: { username: USERS.admin } });
    const own = await s.api.call('POST', `/admin/accounts/${admin.id}/deactivate`, USERS.admin);
    expect(errorOf(own)).toMatchObject({ code: 'RuleViolated', rule: 'OWN_ACCOUNT' });
    const second = (
      await create({ username: 'admin2', displayName: 'Quản trị 2', roles: ['ADMINISTRATOR'] })
    ).json<Created>();
    const login = await loggedIn('admin2', second.oneTimePassword);
    const changed = await withToken(login.token, 'POST', '/me/password', {
      currentPassword: second.oneTimePassword,
      newPassword: 'Quản trị viên số 2',
    });
    const token2 = changed.json<{ token: string }>().token;
    // admin2 deactivates admin: admin2 is then the last one, and nobody else is left to deactivate it.
    expect((await withToken(token2, 'POST', `/admin/accounts/${admin.id}/deactivate`)).statusCode).toBe(200);
    const last = await withToken(token2, 'POST', `/admin/accounts/${second.account.id}/deactivate`);
    expect(errorOf(last)).toMatchObject({ rule: 'OWN_ACCOUNT' });
    expect((await withToken(token2, 'POST', `/admin/accounts/${admin.id}/reactivate`)).statusCode).toBe(200);
  });

  it('every change is on the audit chain, never a password nor its hash', async () => {
    const rows = await s.h.db.prisma.auditEvent.findMany({
      where: { entityType: 'User' },
      orderBy: { seq: 'asc' },
    });
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'ACCOUNT_CREATED',
      'PASSWORD_CHANGED',
      'PASSWORD_RESET',
      'ACCOUNT_DEACTIVATED',
      'ACCOUNT_REACTIVATED',
    ])
      expect(actions).toContain(action);
    const payloads = JSON.stringify(rows.map((r) => r.payload));
    expect(payloads).not.toMatch(/argon2|password"|Sông Lam|Hoa sen/i);
    expect(payloads).toContain('cb102');
  });
});

describe("the administrator's outbox", () => {
  it('shows no trace of a report on a sensitive matter, and the ordinary report’s notice as it is', async () => {
    const { h } = s;
    await startActiveAssignment(h, {
      assignmentId: 'accounts-reported-on',
      areaId: 'area-na-cualo',
      official: asOfficial('cb-003'),
      groupId: 'group-01',
      proposedBy: h.people.departmentHead,
    });
    const report = (sensitive: boolean) =>
      s.api.call('POST', '/assignments/accounts-reported-on/ad-hoc-reports', USERS.official, {
        urgency: 'URGENT',
        sensitive,
        situation: sensitive ? 'Mất đoàn kết nội bộ' : 'Lũ quét ở xã biên giới',
        results: 'Đã nắm tình hình',
      });
    const ordinary = await report(false);
    expect(ordinary.statusCode, ordinary.body).toBe(201);
    const secret = await report(true);
    expect(secret.statusCode, secret.body).toBe(201);
    const secretId = secret.json<{ reportId: string }>().reportId;
    const ordinaryId = ordinary.json<{ reportId: string }>().reportId;
    await new NotificationDispatcher(h.db.prisma, {
      mailer: { send: () => Promise.reject(new Error('550 mailbox unavailable')), close() {} },
      compose: composeNoticeMail('http://app.test'),
      maxAttempts: 1,
    }).tick();
    const deliveries = await h.db.prisma.notificationDelivery.findMany({
      where: { template: 'report.adhoc' },
      include: { outbox: { select: { payload: true } } },
    });
    const of = (reportId: string) =>
      deliveries.filter((d) => (d.outbox.payload as { reportId?: string }).reportId === reportId).map((d) => d.id);
    expect(of(secretId).length).toBeGreaterThan(0);
    expect(of(ordinaryId).length).toBeGreaterThan(0);

    // Page by page, one row at a time, every status: the sensitive report's deliveries never show, nor shorten a page.
    // A fresh login: the suite's earlier deactivation of admin ended its cached session.
    const { token } = await loggedIn(USERS.admin, `DiaBan@${USERS.admin}`);
    const seen: string[] = [];
    for (const status of ['failed', 'delivered']) {
      let cursor: string | null = null;
      do {
        const page = await withToken(
          token,
          'GET',
          `/admin/outbox?status=${status}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.statusCode, page.body).toBe(200);
        const body = page.json<{ items: { id: string }[]; nextCursor: string | null }>();
        if (body.nextCursor) expect(body.items).toHaveLength(1);
        seen.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
      } while (cursor);
    }
    expect(seen).toEqual(expect.arrayContaining(of(ordinaryId)));
    for (const id of of(secretId)) {
      expect(seen).not.toContain(id);
      expect((await withToken(token, 'POST', `/admin/outbox/${id}/retry`)).statusCode).toBe(404);
    }
  });
});
