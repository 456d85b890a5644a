/**
 * Sessions: one row per bearer token issued (its `jti`), so that a token can be revoked before it expires. The token's
 * signature and expiry are the edge's to check (api/auth/tokens.ts); whether it was revoked is the record's.
 */
import type { PrismaClient } from '../../prisma/database';

export async function openSession(
  prisma: PrismaClient,
  session: { id: string; userId: string; expiresAt: Date },
): Promise<void> {
  await prisma.session.create({ data: session });
}

/** Whether the session exists, belongs to `userId` and has not been revoked. */
export async function sessionIsLive(prisma: PrismaClient, id: string, userId: string): Promise<boolean> {
  const session = await prisma.session.findUnique({ where: { id }, select: { userId: true, revokedAt: true } });
  return !!session && !session.revokedAt && session.userId === userId;
}

export async function revokeSession(prisma: PrismaClient, id: string, at = new Date()): Promise<void> {
  await prisma.session.update({ where: { id }, data: { revokedAt: at } });
}
