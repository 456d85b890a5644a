/**
 * A production start: with NODE_ENV=production the seed creates nobody and nothing (no demo person, area, group or
 * account), and `npm run admin -- create <username>` (scripts/admin.ts, run here as its own process with the
 * production settings) prints a one-time password whose login must choose its own before anything else;
 * `npm run admin -- reset <username>` gives a locked-out administrator a new one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../api/auth/tokens';
import { buildServer } from '../api/server';
import { useAuditKey } from '../domain/audit/key';
import { type Database, openDatabase } from '../prisma/database';
import { signerKeyFromSeed } from '../machines/tlog/note';

const run = promisify(execFile);
const AUDIT_KEY = 'production-start-audit-key-of-64-characters-0123456789abcdef0123';
const AUTH_SECRET = 'production-start-auth-secret-of-32-bytes-or-more';

let dir: string;
let env: NodeJS.ProcessEnv;
let database: Database;
let connection: Connection;
let app: FastifyInstance;

/** Runs a script of the repository as `npm run …` does, in its own process, with the production settings. */
async function script(file: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file, ...args], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env,
      timeout: 120_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, out: `${failed.stdout}${failed.stderr}` };
  }
}

const oneTimePasswordIn = (out: string) => /one-time password: (\S+)/.exec(out)?.[1];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-production-'));
  env = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, 'dia-ban.db')}`,
    AUTH_SECRET,
    AUDIT_KEY,
    AUDIT_SIGNING_KEY: signerKeyFromSeed('example.org/audit', new Uint8Array(32).fill(5)).secret,
  };
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

const login = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });
const withToken = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload && { payload }) });

describe('a production start', () => {
  it('seeds nothing: no demo person, department, area, group or account', async () => {
    const seeded = await script('prisma/seed.ts');
    expect(seeded.code, seeded.out).toBe(0);
    expect(seeded.out).toContain('npm run admin -- create');
    database = openDatabase(env.DATABASE_URL!);
    const p = database.prisma;
    const counts = await Promise.all([
      p.official.count(),
      p.department.count(),
      p.area.count(),
      p.monitoringGroup.count(),
      p.user.count(),
    ]);
    expect(counts).toEqual([0, 0, 0, 0, 0]);
  });

  it('gets its first administrator from `npm run admin -- create`, who must choose a password at first login', async () => {
    const created = await script('scripts/admin.ts', 'create', 'quantri', '--name', 'Quản trị hệ thống');
    expect(created.code, created.out).toBe(0);
    const oneTime = oneTimePasswordIn(created.out);
    expect(oneTime, created.out).toBeDefined();

    useAuditKey(AUDIT_KEY);
    connection = Connection.lazy({ address: '127.0.0.1:1' });
    app = buildServer(
      { prisma: database.prisma, provider: database.provider, temporal: new Client({ connection }) },
      { tokens: new TokenSigner(Buffer.from(AUTH_SECRET)) },
    );
    await app.ready();

    const first = await login('quantri', oneTime!);
    expect(first.statusCode, first.body).toBe(200);
    const { token, user } = first.json<{ token: string; user: { roles: string[]; mustChangePassword: boolean } }>();
    expect(user).toMatchObject({ roles: ['ADMINISTRATOR'], mustChangePassword: true });
    const blocked = await withToken(token, 'GET', '/admin/accounts');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await withToken(token, 'POST', '/me/password', {
      currentPassword: oneTime,
      newPassword: 'Ban Tổ chức 2026',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const accounts = await withToken(changed.json<{ token: string }>().token, 'GET', '/admin/accounts');
    expect(accounts.statusCode, accounts.body).toBe(200);
    expect(accounts.json<{ items: { username: string; mustChangePassword: boolean }[] }>().items).toEqual([
      expect.objectContaining({ username: 'quantri', mustChangePassword: false }),
    ]);
    const audit = await database.prisma.auditEvent.findMany({ where: { entityType: 'User' }, orderBy: { seq: 'asc' } });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ['ACCOUNT_CREATED', 'command:admin'],
      ['PASSWORD_CHANGED', expect.any(String)],
    ]);
  });

  it('refuses a second account of the same name, and resets a locked-out administrator', async () => {
    const again = await script('scripts/admin.ts', 'create', 'quantri');
    expect(again.code).toBe(1);
    expect(again.out).toContain('is taken');

    const reset = await script('scripts/admin.ts', 'reset', 'quantri');
    expect(reset.code, reset.out).toBe(0);
    expect((await login('quantri', 'Ban Tổ chức 2026')).statusCode).toBe(401);
    const relogin = await login('quantri', oneTimePasswordIn(reset.out)!);
    expect(relogin.statusCode, relogin.body).toBe(200);
    expect(relogin.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);

    const usage = await script('scripts/admin.ts', 'promote', 'quantri');
    expect(usage.code).toBe(2);
    expect(usage.out).toContain('usage: npm run admin');
  });
});
