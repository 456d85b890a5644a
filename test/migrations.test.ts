import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../prisma/password';
import { seed, seedIfEmpty } from '../prisma/seed';
import {
  applyMigrations,
  CANONICAL_SCHEMA_PATH,
  derivePostgresSchema,
  migrationsDirFor,
  providerOf,
  schemaPathFor,
  type Provider,
} from '../prisma/tooling/migrations';
import { AreaKind, openDatabase, type Database } from '../prisma/database';
import { startPostgres, type PostgresServer } from '../scripts/tools/postgres';

const SLOW = 120_000;

async function migrationFolders(provider: Provider): Promise<string[]> {
  const entries = await readdir(migrationsDirFor(provider), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function modelNames(): Promise<string[]> {
  const schema = await readFile(CANONICAL_SCHEMA_PATH, 'utf8');
  return [...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]!);
}

async function tableNames(db: Database): Promise<string[]> {
  const rows =
    db.provider === 'sqlite'
      ? await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      : await db.prisma.$queryRawUnsafe<{ name: string }[]>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
        );
  return rows.map((r) => r.name);
}

interface MigrationRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

describe.each(['sqlite', 'postgresql'] as const)('%s database', (provider) => {
  let url: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (provider === 'sqlite') {
      const dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-migrations-'));
      url = `file:${path.join(dir, 'test.db')}`;
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const server: PostgresServer = await startPostgres();
      url = await server.createDatabase();
      cleanup = () => server.stop();
    }
  }, SLOW);

  afterAll(async () => {
    await cleanup?.();
  }, SLOW);

  it(
    'applies every migration to an empty database, and nothing the second time',
    async () => {
      const folders = await migrationFolders(provider);
      expect(folders.length).toBeGreaterThan(0);

      expect((await applyMigrations(url)).applied).toEqual(folders);
      expect((await applyMigrations(url)).applied).toEqual([]);

      const db = openDatabase(url);
      try {
        const tables = await tableNames(db);
        expect(tables).toEqual(expect.arrayContaining([...(await modelNames()), '_prisma_migrations']));
        const rows = await db.prisma.$queryRawUnsafe<MigrationRow[]>(
          'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
        );
        expect(rows.map((r) => r.migration_name)).toEqual(folders);
        for (const row of rows) {
          expect(row.finished_at).not.toBeNull();
          expect(row.rolled_back_at).toBeNull();
        }
      } finally {
        await db.close();
      }
    },
    SLOW,
  );

  it(
    'seeds the demo province into an empty database, once',
    async () => {
      const db = openDatabase(url);
      try {
        const prisma = db.prisma;
        expect(await seedIfEmpty(prisma)).toBe(true);

        const areas = await prisma.area.findMany({ select: { name: true, kind: true, leaderInChargeId: true } });
        expect(areas).toHaveLength(20);
        // The demo's kinds are the database's (the kinds of the two-level map need not all be in the demo).
        expect(Object.values(AreaKind)).toEqual(expect.arrayContaining([...new Set(areas.map((a) => a.kind))]));
        expect(areas.map((a) => a.name)).toEqual(
          expect.arrayContaining(['Huyện Nam Đàn', 'Thị xã Cửa Lò', 'Xã Kim Liên']),
        );

        expect(await prisma.department.count()).toBe(6);
        expect(await prisma.official.count({ where: { departmentId: { not: null } } })).toBe(30);
        const leaders = await prisma.official.findMany({
          where: { position: { in: ['HEAD_OF_BOARD', 'DEPUTY_HEAD'] } },
        });
        expect(leaders).toHaveLength(4);
        expect(leaders.filter((l) => l.position === 'HEAD_OF_BOARD')).toHaveLength(1);
        for (const leader of leaders) expect(areas.some((a) => a.leaderInChargeId === leader.id)).toBe(true);

        const groups = await prisma.monitoringGroup.findMany({ include: { memberships: true } });
        expect(groups).toHaveLength(6);
        for (const group of groups) expect(group.memberships.filter((m) => m.isLeader)).toHaveLength(1);

        const auditors = await prisma.user.findMany({
          where: { roles: { some: { role: 'AUDITOR' } } },
          include: { official: { include: { department: true } } },
        });
        expect(auditors).toHaveLength(1);
        expect(auditors[0]?.official?.department?.name).toBe('Phòng Bảo vệ chính trị nội bộ');

        const admin = await prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
        expect(admin.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[^$]+\$[^$]+$/);
        expect(await verifyPassword('DiaBan@admin', admin.passwordHash)).toBe(true);

        const counts = async () =>
          Promise.all([
            prisma.area.count(),
            prisma.official.count(),
            prisma.groupMembership.count(),
            prisma.userRole.count(),
          ]);
        const before = await counts();
        expect(await seedIfEmpty(prisma)).toBe(false);
        expect((await seed(prisma)).newUsers).toEqual([]);
        expect(await counts()).toEqual(before);
      } finally {
        await db.close();
      }
    },
    SLOW,
  );
});

describe('schemas', () => {
  it('the checked-in PostgreSQL schema is what the canonical schema derives', async () => {
    const derived = derivePostgresSchema(await readFile(CANONICAL_SCHEMA_PATH, 'utf8'));
    expect(await readFile(schemaPathFor('postgresql'), 'utf8')).toBe(derived);
  });

  it('both providers have a migrations lockfile naming their provider', async () => {
    for (const provider of ['sqlite', 'postgresql'] as const) {
      const lockfile = await readFile(path.join(migrationsDirFor(provider), 'migration_lock.toml'), 'utf8');
      expect(lockfile).toContain(`provider = "${provider}"`);
    }
  });

  it('tells which provider a DATABASE_URL is for, in one line otherwise', () => {
    expect(providerOf('file:./data/dia-ban.db')).toBe('sqlite');
    expect(providerOf('postgres://u@h/db')).toBe('postgresql');
    expect(providerOf('postgresql://u@h/db')).toBe('postgresql');
    expect(() => providerOf('mysql://u:secret@h/db')).toThrow(
      'DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL); got "mysql://u:***@h/db"',
    );
  });
});
