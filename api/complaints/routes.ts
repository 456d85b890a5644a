/**
 * Complaints about monitoring officials (Đ4.2): recorded by the Board, verified within a deadline by the internal
 * political security department or leadership; only one verified as well-founded grounds an early reassignment,
 * which leadership then decides on the assignment. Reads are confidential (machines/access.ts) and each one
 * is audited (CONFIDENTIAL_READ) before the response leaves. The rest is in api/complaints/.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { recordVerificationUpdate, startVerificationUpdate } from '../../workflows/complaint.messages';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import { lodgeComplaint } from './lodge';
import { findComplaint, visibleComplaintsPage } from '../../domain/complaints/reads';
import { present } from './present';
import {
  ComplaintPageSchema,
  ComplaintSchema,
  ComplaintViewSchema,
  ListQuerySchema,
  LodgeBodySchema,
  StartBodySchema,
  VerificationBodySchema,
} from './schemas';
import { liveView, updateComplaint } from './workflow';
import { complaintVisibility } from '../../machines/access';
import { confidential } from '../../domain/refusal';
import { AUDITOR_AND_LEADERSHIP, COMPLAINT_READERS, COMPLAINT_RECORDERS } from '../../machines/roles';
import { notFound } from '../errors';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { IdParamsSchema } from '../params';
import { keyedUpdateId } from '../keyed-ids';

/**
 * Who records a complaint the Board received (letter, petition, press, a committee's report): Board leadership, the
 * department heads (the Board's offices receive and register letters) and administrators (registry clerks). Not the
 * auditor: the internal political security department verifies, and whoever records a complaint may not verify it
 * (the workflow's VERIFIER_NOT_INDEPENDENT rule), so reception and verification stay apart.
 */
const RECORDERS = COMPLAINT_RECORDERS;
/** Who may read complaints at all; complaintVisibility then narrows it to those with a part (403 otherwise). */
const READERS = COMPLAINT_READERS;
/** The workflow's VERIFIER_ROLE rule: the internal political security department (the auditor) or Board leadership. */
const VERIFIERS = AUDITOR_AND_LEADERSHIP;

export const complaintRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma, provider, temporal } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };

  app.post(
    '/complaints',
    {
      config: { roles: RECORDERS },
      schema: {
        tags: ['complaints'],
        summary: 'Record a complaint about the official of an assignment and start its verification deadline',
        description:
          'The recorder may not later verify it. 201 with Location /complaints/{id}; the answer carries no confidential text.',
        body: LodgeBodySchema,
        response: { 201: ComplaintViewSchema.extend({ receivedOn: z.string() }) },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const view = await lodgeComplaint(deps, {
        who: principal(request),
        body,
        idempotencyKey: request.idempotency?.key,
      });
      return reply
        .code(201)
        .header('location', `/complaints/${view.complaintId}`)
        .send({ ...view, receivedOn: body.receivedOn });
    },
  );

  app.get(
    '/complaints/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['complaints'],
        summary: 'One complaint, its verification, and the events allowed now (audited read)',
        description:
          'Board leadership, the auditor and the verifier see everything; the staff member who recorded it sees it without the findings; the official complained about never. Others: 403.',
        params: IdParamsSchema,
        response: { 200: ComplaintSchema.extend({ allowedEvents: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { actor } = principal(request);
      const found = await findComplaint(prisma, id);
      if (!found) throw notFound('complaint', id);
      const { row, trail } = found;
      const visibility = complaintVisibility(actor, row, trail.verifierId);
      if (!visibility) throw confidential(`Complaint ${id}`);
      const view = await liveView(temporal, id);
      await auditConfidentialRead(db, request, {
        entityType: 'Complaint',
        entityId: id,
        assignmentId: row.assignmentId,
      });
      const complaint = present(row, visibility, trail);
      return { ...complaint, state: view?.state ?? complaint.state, allowedEvents: view?.allowedEvents ?? [] };
    },
  );

  app.get(
    '/complaints',
    {
      config: { roles: READERS },
      schema: {
        tags: ['complaints'],
        summary: 'Complaints the caller may see, newest first, page by page (audited read)',
        description: 'Leadership and the auditor see all but any about themselves; recorders see those they recorded.',
        querystring: ListQuerySchema,
        response: { 200: ComplaintPageSchema },
      },
    },
    async (request) => {
      const { assignmentId } = request.query;
      const seen = await visibleComplaintsPage(prisma, principal(request).actor, request.query);
      const items = seen.items.map(({ row, visibility, trail }) => present(row, visibility, trail));
      await auditConfidentialRead(db, request, {
        entityType: 'Complaint',
        entityId: assignmentId ?? '*',
        assignmentId,
        ids: items.map((c) => c.id),
      });
      return { items, nextCursor: seen.nextCursor };
    },
  );

  app.post(
    '/complaints/:id/verification/start',
    {
      config: { roles: VERIFIERS },
      schema: {
        tags: ['complaints'],
        summary: 'Start verifying the complaint; the caller becomes its verifier',
        description: 'Neither the official concerned nor the recorder may verify (422 VERIFIER_NOT_INDEPENDENT).',
        params: IdParamsSchema,
        body: StartBodySchema,
        response: { 200: ComplaintViewSchema },
      },
    },
    async (request) =>
      updateComplaint(
        temporal,
        request.params.id,
        startVerificationUpdate,
        { actor: principal(request).actor },
        keyedUpdateId(request),
      ),
  );

  app.post(
    '/complaints/:id/verification',
    {
      config: { roles: VERIFIERS },
      schema: {
        tags: ['complaints'],
        summary:
          "Record the verification: well-founded (a ground for early reassignment, still leadership's decision) or unfounded",
        params: IdParamsSchema,
        body: VerificationBodySchema,
        response: { 200: ComplaintViewSchema },
      },
    },
    async (request) =>
      updateComplaint(
        temporal,
        request.params.id,
        recordVerificationUpdate,
        { ...request.body, actor: principal(request).actor },
        keyedUpdateId(request),
      ),
  );
};
