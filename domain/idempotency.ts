/**
 * The records behind `Idempotency-Key` (api/idempotency.ts): one row per user and key, claimed before the request is
 * handled (no status yet) and completed with the answer sent. The lease and the HTTP answers are the edge's.
 */
import type { PrismaClient } from '../prisma/database';

export interface KeyOwner {
  userId: string;
  key: string;
}

export interface KeyClaim extends KeyOwner {
  method: string;
  path: string;
  requestHash: string;
}

/** Claims the key for this request; false when the user already holds it (unique on user and key). */
export async function claimKey(prisma: PrismaClient, claim: KeyClaim): Promise<boolean> {
  try {
    await prisma.idempotencyRecord.create({ data: claim });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'P2002') return false;
    throw error;
  }
}

/** The key's record: its request's hash, when it was claimed, and the answer once stored (null while in progress). */
export function keyRecordOf(prisma: PrismaClient, { userId, key }: KeyOwner) {
  return prisma.idempotencyRecord.findUnique({
    where: { userId_key: { userId, key } },
    select: { requestHash: true, createdAt: true, statusCode: true, responseBody: true },
  });
}

/**
 * Takes over a claim whose holder is taken to have died. Only one retry can: the claim's old time is the guard, so
 * the first to move it wins.
 */
export async function takeOverKey(prisma: PrismaClient, { userId, key }: KeyOwner, claimedAt: Date): Promise<boolean> {
  const taken = await prisma.idempotencyRecord.updateMany({
    where: { userId, key, statusCode: null, createdAt: claimedAt },
    data: { createdAt: new Date() },
  });
  return taken.count === 1;
}

/** Stores the answer a claimed request was given. */
export async function storeAnswer(
  prisma: PrismaClient,
  { userId, key }: KeyOwner,
  answer: { statusCode: number; responseBody: string },
): Promise<void> {
  await prisma.idempotencyRecord.update({ where: { userId_key: { userId, key } }, data: answer });
}

/** Frees a key still in progress (no answer stored), so that its retry is handled at once. */
export async function releaseKey(prisma: PrismaClient, { userId, key }: KeyOwner): Promise<void> {
  await prisma.idempotencyRecord.deleteMany({ where: { userId, key, statusCode: null } });
}
