/**
 * The invitation document attached after the invitation is recorded, as a streamed multipart upload (api/uploads.ts):
 * by whoever may record the area's invitations, once per meeting.
 */
import { areaParties, findMeeting, invitationDocument } from '../../domain/meetings/reads';
import { attachInvitationDocument } from '../../domain/meetings/writes';
import type { Principal } from '../../domain/auth/principal';
import { confidential } from '../../domain/refusal';
import { RULE_VIOLATED } from '../../workflows/refusal';
import type { RouteDeps } from '../deps';
import { notFound, Refusal } from '../errors';
import type { Upload } from '../uploads';

export async function attachUploadedDocument(
  { prisma, provider }: Pick<RouteDeps, 'prisma' | 'provider'>,
  who: Principal,
  meetingId: string,
  upload: Upload,
): Promise<{ meetingId: string; fileName: string; mediaType: string; bytes: number }> {
  const meeting = await findMeeting(prisma, who.actor, meetingId);
  if (!meeting) throw notFound('meeting', meetingId);
  if (meeting === 'hidden') throw confidential(`Meeting ${meetingId}`);
  const { parties } = await areaParties(prisma, meeting.areaId);
  const { actor } = who;
  const ofTheArea = actor.roles.includes('AREA_COMMITTEE')
    ? actor.areaId === meeting.areaId
    : parties.filerIds.includes(actor.id);
  if (!ofTheArea)
    throw new Refusal(
      422,
      RULE_VIOLATED,
      "An invitation's document is attached by the area's monitoring officials or committee",
      {
        rule: 'NOT_OF_THE_AREA',
      },
    );
  if (await invitationDocument(prisma, meetingId))
    throw new Refusal(409, 'DOCUMENT_ALREADY_ATTACHED', 'The meeting has its invitation document already');
  await attachInvitationDocument({ prisma, provider }, who, { meetingId, assignmentId: meeting.assignmentId }, upload);
  return { meetingId, fileName: upload.fileName, mediaType: upload.mediaType, bytes: upload.content.length };
}
