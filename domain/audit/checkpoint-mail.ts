/**
 * Each signed checkpoint goes to the auditors by e-mail, its signed note (with the witnesses' cosignatures, when it has
 * them) attached, so that they keep copies the operator cannot reach: through the outbox, like every notice, to the
 * users with the auditor role, once per checkpoint.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../prisma/database';
import type { SignedCheckpoint } from './checkpoints';

export const CHECKPOINT_NOTICE = 'audit.checkpoint';

/** A file sent with an e-mail. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** Puts the checkpoint in the outbox for the auditors; the same checkpoint again (a retried activity) adds nothing. */
export async function mailCheckpointToAuditors(
  prisma: PrismaClient,
  origin: string,
  checkpoint: SignedCheckpoint,
): Promise<void> {
  const idempotencyKey = `audit-checkpoint:${createHash('sha256').update(checkpoint.note).digest('hex').slice(0, 40)}`;
  if (await prisma.outboxMessage.findUnique({ where: { idempotencyKey }, select: { id: true } })) return;
  try {
    await prisma.outboxMessage.create({
      data: {
        idempotencyKey,
        recipientRole: 'AUDITOR',
        template: CHECKPOINT_NOTICE,
        payload: {
          origin,
          size: checkpoint.size,
          root: checkpoint.root,
          at: checkpoint.at,
          note: checkpoint.note,
          cosignatures: checkpoint.cosignatures ?? [],
        },
        createdAt: new Date(checkpoint.at),
      },
    });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'P2002') throw error;
  }
}

/** The files an outbox message's e-mail carries: a checkpoint's signed note, as the verifier reads it. */
export function mailAttachments(template: string, payload: unknown): MailAttachment[] {
  if (template !== CHECKPOINT_NOTICE) return [];
  const p = (payload ?? {}) as { size?: unknown; note?: unknown; cosignatures?: unknown };
  if (typeof p.note !== 'string' || typeof p.size !== 'number') return [];
  const cosignatures = Array.isArray(p.cosignatures) ? p.cosignatures.filter((l) => typeof l === 'string') : [];
  return [
    {
      filename: `checkpoint-${p.size}.txt`,
      contentType: 'text/plain; charset=utf-8',
      content: `${p.note}${cosignatures.join('')}`,
    },
  ];
}
