/**
 * Sessions: one row per bearer token issued (its `jti`), so that a token can be revoked before it expires. The token's
 * signature and expiry are the edge's to check (api/auth/tokens.ts); whether it was revoked is the record's.
 */
import type { PrismaClient } from '../../prisma/database';
import { readRows } from '../../prisma/raw-reads';
import type { Tx } from '../audit/log';

export async function openSession(
  prisma: PrismaClient,
  session: { id: string; userId: string; expiresAt: Date },
): Promise<void> {
  await prisma.session.create({ data: session });
}

/**
 * Whether the session exists, belongs to `userId` and has not been revoked. Read on every authenticated request, so
 * as plain SQL on the adapter (prisma/raw-reads.ts): a model query's building and result mapping cost far more than
 * the lookup itself.
 */
export async function sessionIsLive(prisma: PrismaClient, id: string, userId: string): Promise<boolean> {
  const [session] = await readRows(prisma, 'SELECT "userId", "revokedAt" FROM "Session" WHERE "id" = $1', [id]);
  return !!session && session.revokedAt === null && session.userId === userId;
}

export async function revokeSession(prisma: PrismaClient, id: string, at = new Date()): Promise<void> {
  await prisma.session.update({ where: { id }, data: { revokedAt: at } });
}

/**
 * Ends every live session of a user (deactivation, a password reset or change), in the caller's transaction: each API
 * process checks a session's row on every request, so the tokens are refused at their next request wherever it lands.
 * `exceptId`: the session that asked, when it goes on (none does today: a password change issues a new token).
 */
export async function revokeAllSessions(tx: Tx, userId: string, at: Date, exceptId?: string): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptId && { id: { not: exceptId } }) },
    data: { revokedAt: at },
  });
  return count;
}
