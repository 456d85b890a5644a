/**
 * Recording an area's invitation (giấy mời, Đ9.3): by a monitoring official or group leader of the area, or by the
 * area committee's own user. It finds the area's assignment and group, names the group leader as the invited unless
 * the invitation names another member, starts the meeting's workflow (which stores the record) and keeps the
 * invitation document beside it.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { loadNonWorkingDays } from '../../activities/calendar';
import { areaParties, meetingRecorded } from '../../domain/meetings/reads';
import { refuseMeetingOfCeasedArea } from '../../domain/meetings/ceasing-area';
import { attachInvitationDocument } from '../../domain/meetings/writes';
import { UPLOAD_KINDS } from '../../domain/uploads/kinds';
import { checkedMediaType } from '../../domain/uploads/media-type';
import { dayOf } from '../../machines/calendar';
import { assignmentPolicyInForce } from '../../domain/programmes/reads';
import { meetingStateQuery, type MeetingView, meetingWorkflowId } from '../../workflows/meeting.messages';
import { type MeetingWorkflowInput, meetingWorkflow } from '../../workflows/meeting.workflow';
import { RULE_VIOLATED } from '../../workflows/refusal';
import type { Principal } from '../../domain/auth/principal';
import { awaitRecord } from '../await-record';
import type { RouteDeps } from '../deps';
import { Refusal } from '../errors';
import type { InviteBody } from './schemas';

/** How far ahead an invitation may be for: two years. */
const LATEST_AHEAD_MS = 2 * 366 * 24 * 60 * 60 * 1000;

const invalid = (path: string, message: string) =>
  new Refusal(400, 'INVALID_INPUT', 'The request is invalid', { issues: [{ path, message }] });
const ruleViolated = (rule: string, message: string) => new Refusal(422, RULE_VIOLATED, message, { rule });

/** A document sent in the JSON body is checked like an upload (its real type) before the meeting is recorded. */
function checkedDocument({ fileName, mediaType, contentBase64 }: NonNullable<InviteBody['document']>) {
  const content = Buffer.from(contentBase64, 'base64');
  if (content.length === 0) throw invalid('document.contentBase64', 'the document is empty');
  return { fileName, mediaType: checkedMediaType(UPLOAD_KINDS.invitation, mediaType, content), content };
}

export async function recordInvitation(
  deps: RouteDeps,
  { who, body, meetingId }: { who: Principal; body: InviteBody; meetingId: string },
): Promise<MeetingView> {
  const { prisma, provider, temporal, taskQueue } = deps;
  const startsAt = Date.parse(body.startsAt);
  if (startsAt <= Date.now()) throw invalid('startsAt', 'the meeting must be ahead');
  if (startsAt > Date.now() + LATEST_AHEAD_MS) throw invalid('startsAt', 'a meeting within two years');
  const document = body.document && checkedDocument(body.document);
  await refuseMeetingOfCeasedArea(prisma, body.areaId, new Date(startsAt));
  const { assignment, parties } = await areaParties(prisma, body.areaId);
  const { actor } = who;
  const ofTheArea = actor.roles.includes('AREA_COMMITTEE')
    ? actor.areaId === body.areaId
    : parties.filerIds.includes(actor.id);
  if (!ofTheArea) {
    throw ruleViolated(
      'NOT_OF_THE_AREA',
      "An invitation is recorded by the area's monitoring officials or by the area committee itself",
    );
  }
  const invitedId = body.invitedId ?? parties.groupLeaderId;
  if (!parties.filerIds.includes(invitedId)) {
    throw ruleViolated('INVITEE_NOT_OF_THE_GROUP', "The invitation names a member of the area's group");
  }
  const year = Number(dayOf(Date.now()).slice(0, 4));
  const nonWorkingDays = await loadNonWorkingDays({
    db: { prisma, provider },
    temporal: { client: temporal, taskQueue },
  })({ fromYear: year, toYear: year + 3 });
  const input: MeetingWorkflowInput = {
    meetingId,
    areaId: body.areaId,
    assignmentId: assignment.id,
    groupId: assignment.groupId ?? undefined,
    body: body.body,
    startsAt: new Date(startsAt).toISOString(),
    place: body.place,
    agenda: body.agenda,
    invitedId,
    groupLeaderId: parties.groupLeaderId,
    groupMemberIds: parties.filerIds,
    leaderInChargeId: parties.leaderInChargeId,
    headOfBoardId: parties.headOfBoardId,
    recordedById: actor.id,
    policy: (await assignmentPolicyInForce(prisma, assignment.id)).policy.meetings,
    nonWorkingDays,
  };
  const handle = temporal.workflow.getHandle(meetingWorkflowId(meetingId));
  try {
    await temporal.workflow.start(meetingWorkflow, {
      taskQueue,
      workflowId: handle.workflowId,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  await awaitRecord(() => meetingRecorded(prisma, meetingId));
  if (document)
    await attachInvitationDocument({ prisma, provider }, who, { meetingId, assignmentId: assignment.id }, document);
  return handle.query(meetingStateQuery);
}
