/**
 * npm run migrate: applies pending migrations to DATABASE_URL (default: the local SQLite file),
 * using the migrations folder of the URL's provider.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { applyMigrations, providerOf } from './tooling/migrations';
import { sqlitePathOf } from './tooling/schema-engine';

const log = (line: string) => console.log(`[migrate] ${line}`);
const databaseUrl = process.env.DATABASE_URL ?? 'file:./data/dia-ban.db';

const started = performance.now();
try {
  if (providerOf(databaseUrl) === 'sqlite') {
    const file = sqlitePathOf(databaseUrl);
    if (file !== ':memory:') await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  }
  const { applied } = await applyMigrations(databaseUrl, { log });
  log(`${applied.length} migration(s) applied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`[migrate] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
