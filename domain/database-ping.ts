/** The cheap calls /healthz asks the database, to learn whether it answers and whether its writes can go through. */
import type { Database } from '../prisma/database';

/** A query that reads nothing. */
export async function selectOne({ prisma }: Pick<Database, 'prisma'>): Promise<void> {
  await prisma.$queryRaw`SELECT 1`;
}

/**
 * Reads pass while another process holds SQLite's write lock; a statement that takes the lock (and changes nothing)
 * tells. It waits at most the busy timeout (prisma/database.ts). PostgreSQL has no such lock: nothing to ask.
 */
export async function takeWriteLock({ prisma, provider }: Pick<Database, 'prisma' | 'provider'>): Promise<void> {
  if (provider === 'sqlite') await prisma.$executeRawUnsafe('DELETE FROM "IdempotencyRecord" WHERE 0');
}
