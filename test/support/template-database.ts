/**
 * The seeded database every test starts from, migrated and seeded once per test run rather than once per test file:
 * vitest's global set-up makes it (a SQLite file in a folder of the run's own; on the PostgreSQL leg, a template
 * database on one PostgreSQL server that the run's processes share through TEST_POSTGRES_URL) and names it in the
 * environment every test process inherits. `freshDatabase` (test/support/lifecycle-harness.ts) copies it; without
 * the set-up (a bench, a script) it migrates and seeds its own.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedIfEmpty } from '../../prisma/seed';
import { openDatabase } from '../../prisma/database';
import { applyMigrations } from '../../prisma/tooling/migrations';
import { type PostgresServer, startPostgres } from '../../scripts/tools/postgres';

const SQLITE_TEMPLATE = 'DIA_BAN_TEST_SQLITE_TEMPLATE';
const POSTGRES_TEMPLATE = 'DIA_BAN_TEST_POSTGRES_TEMPLATE';

/** Where a test's fresh database comes from: copied from the run's template, or built here. */
export function runTemplate(): { sqlite?: string; postgres?: string } {
  return { sqlite: process.env[SQLITE_TEMPLATE], postgres: process.env[POSTGRES_TEMPLATE] };
}

/** A copy of the run's SQLite template at `path`. */
export function copySqliteTemplate(template: string, path: string): Promise<void> {
  return copyFile(template, path);
}

async function migrateAndSeed(url: string): Promise<void> {
  await applyMigrations(url);
  const db = openDatabase(url);
  try {
    await seedIfEmpty(db.prisma);
    // SQLite: everything in the main file, so that a copy of it is the whole database.
    if (db.provider === 'sqlite') await db.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await db.close();
  }
}

/** Vitest's global set-up: the run's template database, migrated and seeded once. */
export default async function buildTemplateDatabase(): Promise<() => Promise<void>> {
  const started = performance.now();
  if (process.env.TEST_DATABASE_PROVIDER === 'postgresql') {
    const shared = !process.env.TEST_POSTGRES_URL;
    const server: PostgresServer = await startPostgres();
    try {
      const url = await server.createDatabase('dia_ban_template');
      await migrateAndSeed(url);
      process.env[POSTGRES_TEMPLATE] = new URL(url).pathname.slice(1);
      if (shared) process.env.TEST_POSTGRES_URL = server.adminUrl;
    } catch (error) {
      await server.stop();
      throw error;
    }
    console.log(`[tests] PostgreSQL template database made once for the run in ${ms(started)} ms`);
    return () => server.stop();
  }
  const folder = await mkdtemp(join(tmpdir(), 'dia-ban-template-'));
  const file = join(folder, 'template.db');
  await migrateAndSeed(`file:${file}`);
  process.env[SQLITE_TEMPLATE] = file;
  console.log(`[tests] SQLite template database made once for the run in ${ms(started)} ms`);
  return () => rm(folder, { recursive: true, force: true });
}

const ms = (since: number) => Math.round(performance.now() - since);
