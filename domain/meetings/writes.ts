/** The meeting's writes outside its workflow: the invitation document, kept beside the meeting's record. */
import type { Database } from '../../prisma/database';
import { recordOnce } from '../audit/log';
import type { Caller } from '../caller';

export interface InvitationDocument {
  fileName: string;
  mediaType: string;
  content: Buffer<ArrayBuffer>;
}

/** Keeps the invitation document of the meeting, once per meeting, with its audit row (never its content). */
export async function attachInvitationDocument(
  db: Pick<Database, 'prisma' | 'provider'>,
  { actor, userId }: Caller,
  { meetingId, assignmentId }: { meetingId: string; assignmentId: string },
  { fileName, mediaType, content }: InvitationDocument,
): Promise<void> {
  await recordOnce(
    db,
    {
      idempotencyKey: `meeting-document:${meetingId}`,
      at: new Date().toISOString(),
      actorId: actor.id,
      action: 'MEETING_DOCUMENT_ATTACHED',
      entityType: 'Meeting',
      entityId: meetingId,
      assignmentId,
      payload: { fileName, mediaType, bytes: content.length, userId },
    },
    async (tx) => {
      await tx.meetingDocument.create({
        data: { meetingId, fileName, mediaType, content, uploadedAt: new Date() },
      });
    },
  );
}
