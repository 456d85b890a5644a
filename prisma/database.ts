/**
 * Opens the application's database from DATABASE_URL: SQLite (better-sqlite3) or PostgreSQL (pg),
 * each through its own generated Prisma client, behind one client type.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma/postgresql/client';
import { PrismaClient as SqlitePrismaClient } from '../generated/prisma/sqlite/client';
import { providerOf, sqlitePathOf, type Provider } from './tooling/schema-engine';
import { waitForLocksAsynchronously } from './sqlite-busy';
import { cacheStatements } from './statement-cache';
import { keepAdapter } from './raw-reads';
import type { PrismaClient } from './prisma-types';

export * from './prisma-types';
export { providerOf };

export interface Database {
  prisma: PrismaClient;
  provider: Provider;
  close(): Promise<void>;
}

/**
 * How long a SQLite writer waits for another connection's write lock before failing with SQLITE_BUSY. better-sqlite3
 * would wait synchronously, freezing the whole process (API, worker, health) meanwhile; so SQLite itself does not wait
 * (busy_timeout 0) and the statement is tried again on timers for this long (prisma/sqlite-busy.ts): a write that
 * meets a held lock fails soon, an activity is retried by Temporal with back-off, a request answers 503 DATABASE_BUSY
 * with Retry-After (api/errors.ts), and /healthz names the lock.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 250;

export function openDatabase(databaseUrl: string): Database {
  const provider = providerOf(databaseUrl);
  const adapter = provider === 'sqlite' ? sqliteAdapter(databaseUrl) : postgresAdapter(databaseUrl);
  // The hottest reads run their SQL on the same adapter (prisma/raw-reads.ts).
  const kept = keepAdapter(adapter, provider);
  const prisma =
    provider === 'sqlite'
      ? new SqlitePrismaClient({ adapter })
      : // Generated from the same models, the PostgreSQL client has the same model API; only its query compiler differs.
        (new PostgresPrismaClient({ adapter: adapter as PrismaPg }) as unknown as PrismaClient);
  kept(prisma);
  return { prisma, provider, close: () => prisma.$disconnect() };
}

function postgresAdapter(databaseUrl: string): PrismaPg {
  const schema = new URL(databaseUrl).searchParams.get('schema');
  return new PrismaPg({ connectionString: databaseUrl }, schema ? { schema } : undefined);
}

/**
 * WAL lets readers proceed while another process writes, and the busy timeout makes a second writer wait a moment
 * for the lock instead of failing at once.
 */
function sqliteAdapter(databaseUrl: string): SqlDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3({ url: sqlitePathOf(databaseUrl), timeout: 0 });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await factory.connect();
      cacheStatements((adapter as unknown as { client: Parameters<typeof cacheStatements>[0] }).client);
      waitForLocksAsynchronously(adapter, SQLITE_BUSY_TIMEOUT_MS);
      if (sqlitePathOf(databaseUrl) !== ':memory:') await adapter.executeScript('PRAGMA journal_mode = WAL;');
      await adapter.executeScript('PRAGMA busy_timeout = 0;');
      return adapter;
    },
  };
}
