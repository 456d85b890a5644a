/**
 * npm run migrate:new -- <name>
 *
 * Regenerates prisma/postgresql/schema.prisma from the canonical schema, then for each provider
 * diffs "its migrations folder, replayed on a shadow database" against its schema and writes
 * `<timestamp>_<name>/migration.sql` when they differ (same timestamp for both providers).
 * The shadow is an in-memory SQLite database, and for PostgreSQL a temporary database on the server
 * in TEST_POSTGRES_URL or, without it, on a throwaway local cluster (see scripts/tools/postgres.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CANONICAL_SCHEMA_PATH,
  derivePostgresSchema,
  lockfileContent,
  migrationsDirFor,
  readMigrationsList,
  schemaPathFor,
  type Provider,
} from '../prisma/tooling/migrations';
import { NO_FILTER, openSchemaEngine } from '../prisma/tooling/schema-engine';
import { startPostgres, type PostgresServer } from './tools/postgres';

const log = (line: string) => console.log(`[migrate:new] ${line}`);

function migrationName(args: string[]): string {
  const raw = args.find((a) => !a.startsWith('-')) ?? '';
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 100);
  if (!name) throw new Error('usage: npm run migrate:new -- <name>   (e.g. add_rating_notes)');
  return name;
}

/** Prisma's migration folder prefix: UTC YYYYMMDDHHMMSS. */
function timestamp(now = new Date()): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

async function writeIfChanged(file: string, content: string): Promise<boolean> {
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current === content) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return true;
}

/** Returns the migration SQL that brings the migrations folder up to the schema, or null if none is needed. */
async function pendingMigrationSql(provider: Provider, shadowHostUrl: string): Promise<string | null> {
  const schemaPath = schemaPathFor(provider);
  // The engine reads the provider of a migrations folder from its lockfile, even when it has no migrations yet.
  const lockfile = path.join(migrationsDirFor(provider), 'migration_lock.toml');
  if ((await readFile(lockfile, 'utf8').catch(() => null)) === null)
    await writeIfChanged(lockfile, lockfileContent(provider));
  const engine = await openSchemaEngine(shadowHostUrl);
  try {
    const { exitCode, stdout } = await engine.diff({
      from: { tag: 'migrations', ...(await readMigrationsList(migrationsDirFor(provider))) },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] },
      script: true,
      exitCode: true, // makes exitCode 2 mean "non-empty diff"
      filters: NO_FILTER,
    });
    return exitCode === 2 && stdout ? stdout : null;
  } finally {
    await engine.dispose();
  }
}

async function main(): Promise<void> {
  const name = migrationName(process.argv.slice(2));
  const folder = `${timestamp()}_${name}`;

  const derived = derivePostgresSchema(await readFile(CANONICAL_SCHEMA_PATH, 'utf8'));
  const schemaChanged = await writeIfChanged(schemaPathFor('postgresql'), derived);
  log(`prisma/postgresql/schema.prisma ${schemaChanged ? 'regenerated' : 'already up to date'}`);

  // Both diffs first, so a failure for one provider leaves no half-written migration behind.
  const pending: { provider: Provider; sql: string | null }[] = [];
  let postgres: PostgresServer | undefined;
  try {
    pending.push({ provider: 'sqlite', sql: await pendingMigrationSql('sqlite', 'file::memory:') });
    postgres = await startPostgres({ log });
    const shadowHost = await postgres.createDatabase('dia_ban_migrate');
    pending.push({ provider: 'postgresql', sql: await pendingMigrationSql('postgresql', shadowHost) });
  } finally {
    await postgres?.stop();
  }

  for (const { provider, sql } of pending) {
    if (!sql) {
      log(`${provider}: schema matches the migrations, nothing written`);
      continue;
    }
    const file = path.join(migrationsDirFor(provider), folder, 'migration.sql');
    await writeIfChanged(file, sql);
    log(`${provider}: wrote ${path.relative(process.cwd(), file)}`);
  }
  if (pending.some((p) => p.sql))
    log('apply with `npm run migrate` (or `prisma migrate deploy` where the native engine exists)');
}

const started = performance.now();
try {
  await main();
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`[migrate:new] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
