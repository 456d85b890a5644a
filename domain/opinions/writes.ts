/**
 * Keeping a reserved opinion on record (Đ6.4). Append-only: an opinion is stored once and never changed or removed;
 * a second opinion is a new row. Each is written in one transaction with its audit row, never its text.
 */
import type { Database } from '../../prisma/database';
import { recordOnce } from '../audit/log';
import type { Caller } from '../caller';
import type { SubjectType } from './reads';

export const OPINION_RECORDED = 'RESERVED_OPINION_RECORDED';

export async function recordOpinion(
  db: Pick<Database, 'prisma' | 'provider'>,
  { actor, userId }: Caller,
  { id, idempotencyKey, assignmentId }: { id: string; idempotencyKey: string; assignmentId: string },
  { subjectType, subjectId, text }: { subjectType: SubjectType; subjectId: string; text: string },
): Promise<void> {
  const createdAt = new Date();
  await recordOnce(
    db,
    {
      idempotencyKey,
      at: createdAt.toISOString(),
      actorId: actor.id,
      action: OPINION_RECORDED,
      entityType: 'ReservedOpinion',
      entityId: id,
      assignmentId,
      // The text stays out of the audit payload, like every confidential content.
      payload: { subjectType, subjectId, userId },
    },
    async (tx) => {
      await tx.reservedOpinion.create({
        data: { id, authorId: actor.id, subjectType, subjectId, text, createdAt },
      });
    },
  );
}
