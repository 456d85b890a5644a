/**
 * Meetings: an area's invitation recorded (Đ9.3), attendance asked of the leader in charge and decided
 * by them or the Head of Board (Đ5.2), delegated by the group leader to a member (Đ7.B.3), moved or cancelled, and
 * the report filed after the meeting (Đ7.A.5). Each write is an update of the meeting's workflow, refused before
 * it enters history when a rule forbids it (422 with the rule) or the state does not allow it (409). Reads follow
 * one rule (domain/meetings/reads.ts); a read showing personnel notes is audited. The rest is in api/meetings/.
 */
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { FILERS, LEADERSHIP, STAFF } from '../../machines/roles';
import {
  cancelMeetingUpdate,
  decideAttendanceUpdate,
  delegateAttendanceUpdate,
  fileMeetingReportUpdate,
  meetingStateQuery,
  type MeetingView,
  meetingWorkflowId,
  moveMeetingUpdate,
  requestAttendanceUpdate,
} from '../../workflows/meeting.messages';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import { refusingClosed } from '../closed-workflows';
import { confidential } from '../../domain/refusal';
import type { RouteDeps } from '../deps';
import { notFound } from '../errors';
import { keyedUpdateId, keyedUuid } from '../keyed-ids';
import { recordInvitation } from './invite';
import { attachUploadedDocument } from './document';
import { refuseMoveIntoCeasedArea } from '../../domain/meetings/ceasing-area';
import { attachmentHeaders, readUpload } from '../uploads';
import {
  areasInChargeOf,
  findMeeting,
  invitationDocument,
  showsPersonnelNotes,
  visibleMeetingsPage,
} from '../../domain/meetings/reads';
import {
  CancelBodySchema,
  DecideBodySchema,
  DelegateBodySchema,
  AttachedDocumentSchema,
  InviteBodySchema,
  ListQuerySchema,
  MeetingPageSchema,
  MeetingSchema,
  MeetingViewSchema,
  MoveBodySchema,
  ReportBodySchema,
  RequestBodySchema,
} from './schemas';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';

/** Who records an invitation: the area's monitoring officials and group leaders, and the area committee itself. */
const RECORDERS = [...FILERS, 'AREA_COMMITTEE'] as const;
/** Who reads meetings: the Board's staff and the area committees, each narrowed by the reading rule. */
const READERS = [...STAFF, 'AREA_COMMITTEE'] as const;
/** Who acts on a meeting at all; the workflow's rules then say who may do what. */
const ACTORS = [...FILERS, ...LEADERSHIP, 'AREA_COMMITTEE'] as const;

function updateMeeting<Args>(
  temporal: Client,
  meetingId: string,
  update: UpdateDefinition<MeetingView, [Args]>,
  args: Args,
  updateId?: string,
): Promise<MeetingView> {
  const handle = temporal.workflow.getHandle(meetingWorkflowId(meetingId));
  return refusingClosed(
    () => handle.executeUpdate(update, { args: [args], updateId }),
    () => handle.query(meetingStateQuery),
  );
}

export const meetingRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma, provider, temporal } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };

  app.post(
    '/meetings',
    {
      config: { roles: RECORDERS },
      schema: {
        tags: ['meetings'],
        summary: "Record an area's invitation to a meeting (Đ9.3); the group leader is invited unless it names another",
        description:
          "By the area's monitoring officials or its committee (422 NOT_OF_THE_AREA otherwise); not for a day from which the area has ceased by a reorganisation (422 AREA_CEASES, naming the effective day and the successors), nor for a day before a unit a reorganisation creates exists (422 AREA_NOT_YET_IN_FORCE, naming its first day `firstDay`). The invitation document may be attached here (base64, up to 2 MB), or after, as a file of up to 10 MiB (POST /meetings/{id}/document). 201 with Location /meetings/{id}.",
        body: InviteBodySchema,
        response: { 201: MeetingViewSchema },
      },
    },
    async (request, reply) => {
      const meetingId = keyedUuid('meeting', request);
      const view = await recordInvitation(deps, { who: principal(request), body: request.body, meetingId });
      return reply.code(201).header('location', `/meetings/${meetingId}`).send(view);
    },
  );

  app.get(
    '/meetings',
    {
      config: { roles: READERS },
      schema: {
        tags: ['meetings'],
        summary: 'Meetings the caller may see, soonest first, page by page',
        querystring: ListQuerySchema,
        response: { 200: MeetingPageSchema },
      },
    },
    async (request) => {
      const page = await visibleMeetingsPage(prisma, principal(request).actor, request.query);
      return { ...page, items: page.items.map(({ report: _report, moves: _moves, ...rest }) => rest) };
    },
  );

  app.get(
    '/approvals/meetings',
    {
      config: { roles: LEADERSHIP },
      schema: {
        tags: ['meetings', 'approvals'],
        summary: "Requests to attend meetings waiting for the caller's decision, the soonest meeting first (Đ5.2)",
        description:
          'The leader in charge sees the requests of their areas; the Head of Board sees all. Meetings attended without approval are listed under `withoutApproval`.',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
        response: {
          200: z.object({ items: MeetingPageSchema.shape.items, withoutApproval: MeetingPageSchema.shape.items }),
        },
      },
    },
    async (request) => {
      const { actor } = principal(request);
      const areas = actor.roles.includes('HEAD_OF_BOARD') ? undefined : await areasInChargeOf(prisma, actor.id);
      const mine = areas ? { areaId: { in: areas } } : {};
      const query = { limit: request.query.limit };
      const [pending, withoutApproval] = await Promise.all([
        visibleMeetingsPage(prisma, actor, { ...query, state: 'awaitingApproval' }, mine),
        visibleMeetingsPage(prisma, actor, query, { ...mine, attendedWithoutApproval: true }),
      ]);
      const brief = (items: typeof pending.items) => items.map(({ report: _r, moves: _m, ...rest }) => rest);
      return { items: brief(pending.items), withoutApproval: brief(withoutApproval.items) };
    },
  );

  app.get(
    '/meetings/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['meetings'],
        summary: 'One meeting: the invitation, the approval, moves, the report, and the events allowed now',
        description:
          "The report's personnel notes (Đ7.A.6) show to leadership, the auditor and their author only, as an audited read; area committees see no report.",
        params: IdParamsSchema,
        response: { 200: MeetingSchema.extend({ allowedEvents: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { actor } = principal(request);
      const meeting = await findMeeting(prisma, actor, id);
      if (!meeting) throw notFound('meeting', id);
      if (meeting === 'hidden') throw confidential(`Meeting ${id}`);
      const handle = temporal.workflow.getHandle(meetingWorkflowId(id));
      const description = await handle.describe().catch(() => null);
      const view =
        description?.status.name === 'RUNNING' ? await handle.query(meetingStateQuery).catch(() => null) : null;
      if (showsPersonnelNotes(meeting)) {
        await auditConfidentialRead(db, request, {
          entityType: 'MeetingReport',
          entityId: id,
          assignmentId: meeting.assignmentId,
        });
      }
      return {
        ...meeting,
        state: view?.state ?? meeting.state,
        allowedEvents: actor.roles.includes('AREA_COMMITTEE')
          ? (view?.allowedEvents ?? []).filter((e) => e === 'MOVE' || e === 'CANCEL')
          : (view?.allowedEvents ?? []),
      };
    },
  );

  app.get(
    '/meetings/:id/document',
    {
      config: { roles: READERS },
      schema: {
        tags: ['meetings'],
        summary: 'The invitation document as attached',
        params: IdParamsSchema,
        response: {
          200: {
            description: "The document's bytes, sent with its own media type and file name (Content-Disposition)",
            content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
          },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const meeting = await findMeeting(prisma, principal(request).actor, id);
      if (!meeting) throw notFound('meeting', id);
      if (meeting === 'hidden') throw confidential(`Meeting ${id}`);
      const document = await invitationDocument(prisma, id);
      if (!document) throw notFound('meeting document', id);
      return reply
        .headers(attachmentHeaders(document.fileName, document.mediaType))
        .send(Buffer.from(document.content));
    },
  );

  app.post(
    '/meetings/:id/document',
    {
      config: { roles: RECORDERS, upload: { field: 'document', kind: 'invitation' } },
      schema: {
        tags: ['meetings'],
        summary: "Attach the invitation document to a recorded meeting, as a multipart upload (field 'document')",
        description:
          "By the area's monitoring officials or its committee (422 NOT_OF_THE_AREA otherwise), once (409 DOCUMENT_ALREADY_ATTACHED). PDF, PNG, JPEG or .docx up to 10 MiB: 413 FILE_TOO_LARGE past it, 415 CONTENT_TYPE_MISMATCH when the content is not of its declared type.",
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        response: { 201: AttachedDocumentSchema },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, 'document', 'invitation');
      const attached = await attachUploadedDocument(db, principal(request), request.params.id, upload);
      return reply.code(201).header('location', `/meetings/${attached.meetingId}/document`).send(attached);
    },
  );

  const write = <Body extends object | null | undefined, Args>(
    path: string,
    summary: string,
    description: string,
    body: z.ZodType<Body>,
    update: UpdateDefinition<MeetingView, [Args]>,
    /** A check of the records before the update is sent (a refusal then never enters the workflow's history). */
    check?: (meetingId: string, body: Body) => Promise<void>,
  ) =>
    app.post(
      `/meetings/:id/${path}`,
      {
        config: { roles: ACTORS },
        schema: {
          tags: ['meetings'],
          summary,
          description,
          params: IdParamsSchema,
          body,
          response: { 200: MeetingViewSchema },
        },
      },
      async (request) => {
        await check?.(request.params.id, request.body as Body);
        return updateMeeting(
          temporal,
          request.params.id,
          update,
          { ...(request.body ?? {}), actor: principal(request).actor } as Args,
          keyedUpdateId(request),
        );
      },
    );

  write(
    'attendance-request',
    'Ask the leader in charge to approve attending (Đ5.2); the group leader may ask for more members (Đ7.B.3)',
    'Only the one who will attend asks (422 REQUESTER_NOT_ATTENDEE); members added are of the group (ADDED_MEMBER_NOT_IN_GROUP).',
    RequestBodySchema,
    requestAttendanceUpdate,
  );
  write(
    'decision',
    'Approve or refuse the attendance: the leader in charge of the area or the Head of Board (Đ5.2)',
    'Others: 422 DECIDER_NOT_IN_CHARGE; nobody decides their own attendance (SELF_APPROVAL).',
    DecideBodySchema,
    decideAttendanceUpdate,
  );
  write(
    'delegation',
    'The group leader, busy, delegates a member of the group, who then asks approval on their behalf (Đ7.B.3)',
    '422 DELEGATOR_NOT_GROUP_LEADER, DELEGATE_NOT_GROUP_MEMBER or INVITATION_NOT_TO_GROUP_LEADER.',
    DelegateBodySchema,
    delegateAttendanceUpdate,
  );
  write(
    'move',
    'Record that the meeting moved: its timers move, the old time and place stay on record',
    'By the area committee or the group (422 NO_PART_IN_MEETING); not into the past (MEETING_MOVED_INTO_THE_PAST); not to a day from which its unit has ceased by a reorganisation (AREA_CEASES, naming the effective day and the successors), nor before its unit exists (AREA_NOT_YET_IN_FORCE).',
    MoveBodySchema,
    moveMeetingUpdate,
    (meetingId, body) => refuseMoveIntoCeasedArea(prisma, meetingId, new Date(body.startsAt)),
  );
  write(
    'cancellation',
    'Record that the meeting was cancelled: its timers stop',
    'By the area committee or the group (422 NO_PART_IN_MEETING).',
    CancelBodySchema,
    cancelMeetingUpdate,
  );
  write(
    'report',
    'File the meeting report after the meeting (Đ7.A.5): notes, remarks made, matters for leadership, personnel notes',
    'By the attendee, after the meeting (422 REPORT_BEFORE_MEETING); attended without approval, it says so and the leader in charge is told.',
    ReportBodySchema,
    fileMeetingReportUpdate,
  );
};
