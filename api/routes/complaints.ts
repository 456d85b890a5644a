/**
 * Complaints about monitoring officials (Đ4.2): recorded by the Board, verified within a deadline by the internal
 * political security department or leadership; only one verified as well-founded grounds an early reassignment,
 * which leadership then decides on the assignment. Reads are confidential (see api/confidentiality.ts) and each one
 * is audited (CONFIDENTIAL_READ) before the response leaves.
 */
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { recordOnce } from '../../activities/audit-log';
import { loadNonWorkingDays } from '../../activities/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import type { ComplaintInput } from '../../workflows/complaint.workflow';
import {
  complaintStateQuery,
  type ComplaintView,
  RecordVerificationArgsSchema,
  recordVerificationUpdate,
  StartVerificationArgsSchema,
  startVerificationUpdate,
} from '../../workflows/complaint.messages';
import { assignmentWorkflowId, complaintWorkflowId } from '../../workflows/ids';
import { RULE_VIOLATED } from '../../workflows/refusal';
import type { Complaint, ComplaintVerification } from '../../worker/database';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import { refusingClosed } from '../closed-workflows';
import { complaintVisibility, type ComplaintVisibility, confidential, LEADERSHIP, visibleComplaintsWhere } from '../confidentiality';
import { HttpError, notFound } from '../errors';
import type { RouteDeps } from '../server';
import type { ZodTypeProvider } from '../zod-provider';

/**
 * Who records a complaint the Board received (letter, petition, press, a committee's report): Board leadership, the
 * department heads (the Board's offices receive and register letters) and administrators (registry clerks). Not the
 * auditor: the internal political security department verifies, and whoever records a complaint may not verify it
 * (the workflow's VERIFIER_NOT_INDEPENDENT rule), so reception and verification stay apart.
 */
const RECORDERS = ['BOARD_LEADER', 'HEAD_OF_BOARD', 'DEPARTMENT_HEAD', 'ADMINISTRATOR'] as const;
/** Who may read complaints at all; complaintVisibility then narrows it to those with a part (403 otherwise). */
const READERS = ['AUDITOR', ...RECORDERS] as const;
/** The workflow's VERIFIER_ROLE rule: the internal political security department (the auditor) or Board leadership. */
const VERIFIERS = ['AUDITOR', ...LEADERSHIP] as const;

export const COMPLAINT_RECEIVED = 'COMPLAINT_RECEIVED';

const IdParamsSchema = z.strictObject({ id: z.string().trim().min(1).max(200) });

const LodgeBodySchema = z.strictObject({
  assignmentId: z.string().trim().min(1).max(200),
  summary: z.string().trim().min(1, 'the complaint needs its summary').max(20_000),
  /** How the Board received it: letter, petition, press, a committee's report… */
  source: z.string().trim().min(1).max(500).optional(),
  /** The day the Board received it (YYYY-MM-DD), not after today. */
  receivedOn: z.iso.date(),
});

// The actor always comes from the token: the bodies are the update arguments without it. The verifier is the caller.
const StartBodySchema = StartVerificationArgsSchema.omit({ actor: true }).nullish();
const VerificationBodySchema = RecordVerificationArgsSchema.omit({ actor: true });

const ListQuerySchema = z.strictObject({
  assignmentId: z.string().trim().min(1).max(200).optional(),
  /** A state, or a parent state: `underVerification` also finds `underVerification.overdue`. */
  state: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The id of the last complaint of the previous page (`nextCursor`). */
  cursor: z.string().min(1).max(200).optional(),
});

const DEFAULT_SOURCE = 'Đơn thư';

const ComplaintSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  /** The official complained about. */
  officialId: z.string(),
  summary: z.string(),
  source: z.string(),
  receivedOn: z.string().nullable(),
  state: z.string(),
  filedById: z.string(),
  filedAt: z.string(),
  verificationDueAt: z.string(),
  /** Who started the verification, once started. */
  verifierId: z.string().nullable(),
  /** What the caller may see: `recorder` does not see the findings. */
  visibility: z.enum(['full', 'recorder']),
  verification: z
    .object({ outcome: z.enum(['WELL_FOUNDED', 'UNFOUNDED']), findings: z.string().nullable(), verifiedById: z.string(), verifiedAt: z.string() })
    .nullable(),
});
type ComplaintBody = z.infer<typeof ComplaintSchema>;

const ComplaintViewSchema = z.object({
  complaintId: z.string(),
  assignmentId: z.string(),
  state: z.string(),
  allowedEvents: z.array(z.string()),
  verificationDueAt: z.string(),
});

/** Today in Vietnam (UTC+7), the Board's calendar day. */
const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A retry with the same Idempotency-Key lodges the same complaint; without one, a fresh id. */
function complaintIdFor(userId: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return randomUUID();
  const hex = createHash('sha256').update(`complaint\n${userId}\n${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

type Row = Complaint & { verification: ComplaintVerification | null };

function present(row: Row, visibility: ComplaintVisibility, extra: { receivedOn: string | null; verifierId: string | null }): ComplaintBody {
  const v = row.verification;
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    officialId: row.officialId,
    summary: row.summary,
    source: row.source,
    receivedOn: extra.receivedOn,
    state: row.state,
    filedById: row.filedById,
    filedAt: row.filedAt.toISOString(),
    verificationDueAt: row.verificationDueAt.toISOString(),
    verifierId: extra.verifierId ?? v?.verifiedById ?? null,
    visibility,
    verification: v && {
      outcome: v.outcome,
      findings: visibility === 'full' ? v.findings : null,
      verifiedById: v.verifiedById,
      verifiedAt: v.verifiedAt.toISOString(),
    },
  };
}

export const complaintRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider, temporal, taskQueue }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };
  const handleOf = (id: string) => temporal.workflow.getHandle(complaintWorkflowId(id));

  /** From the audit trail: the day received (written when lodged here) and the verifier (who started the verification). */
  const trailOf = async (ids: string[]) => {
    const events = await prisma.auditEvent.findMany({
      where: { entityType: 'Complaint', entityId: { in: ids }, action: { in: [COMPLAINT_RECEIVED, 'COMPLAINT_VERIFICATION_STARTED'] } },
      select: { entityId: true, action: true, actorId: true, payload: true },
    });
    const of = (id: string) => {
      const received = events.find((e) => e.entityId === id && e.action === COMPLAINT_RECEIVED)?.payload as { receivedOn?: string } | undefined;
      const started = events.find((e) => e.entityId === id && e.action === 'COMPLAINT_VERIFICATION_STARTED');
      return { receivedOn: received?.receivedOn ?? null, verifierId: started?.actorId ?? null };
    };
    return of;
  };

  app.post(
    '/complaints',
    {
      config: { roles: RECORDERS },
      schema: {
        tags: ['complaints'],
        summary: 'Record a complaint about the official of an assignment and start its verification deadline',
        description: 'The recorder may not later verify it. 201 with Location /complaints/{id}; the answer carries no confidential text.',
        body: LodgeBodySchema,
        response: { 201: ComplaintViewSchema.extend({ receivedOn: z.string() }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const who = principal(request);
      if (body.receivedOn > todayInVietnam()) {
        throw new HttpError(400, 'INVALID_INPUT', 'The request is invalid', { issues: [{ path: 'receivedOn', message: 'a complaint cannot be received in the future' }] });
      }
      const assignment = await prisma.assignment.findUnique({ where: { id: body.assignmentId }, select: { id: true, officialId: true } });
      if (!assignment) throw notFound('assignment', body.assignmentId);
      if (assignment.officialId === who.actor.id) {
        throw new HttpError(422, RULE_VIOLATED, 'Nobody records a complaint about themself', { rule: 'COMPLAINT_ABOUT_ONESELF' });
      }
      const idempotencyKey = request.idempotency?.key;
      const complaintId = complaintIdFor(who.userId, idempotencyKey);
      const now = new Date();
      const year = Number(todayInVietnam().slice(0, 4));
      const [head, nonWorkingDays] = await Promise.all([
        prisma.official.findFirst({ where: { position: 'HEAD_OF_BOARD', active: true }, select: { id: true }, orderBy: { code: 'asc' } }),
        loadNonWorkingDays({ db, temporal: { client: temporal, taskQueue } })({ fromYear: year, toYear: year + 2 }),
      ]);

      // Who recorded it and when the Board received it, on the audit chain before the workflow files it.
      await recordOnce(
        db,
        {
          idempotencyKey: `complaint-received:${complaintId}`,
          at: now.toISOString(),
          actorId: who.actor.id,
          action: COMPLAINT_RECEIVED,
          entityType: 'Complaint',
          entityId: complaintId,
          assignmentId: assignment.id,
          payload: { receivedOn: body.receivedOn, userId: who.userId },
        },
        async () => {},
      );
      const input: ComplaintInput = {
        complaintId,
        assignmentId: assignment.id,
        assignmentWorkflowId: assignmentWorkflowId(assignment.id),
        officialId: assignment.officialId,
        filedBy: who.actor.id,
        summary: body.summary,
        source: body.source ?? DEFAULT_SOURCE,
        headOfBoardId: head?.id,
        policy: DEFAULT_POLICY.complaint,
        nonWorkingDays,
      };
      const handle = handleOf(complaintId);
      try {
        await temporal.workflow.start('complaintWorkflow', { taskQueue, workflowId: handle.workflowId, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      // The workflow's first step stores the record; wait (briefly) for it, so that a GET right after finds it.
      for (let i = 0; i < 100 && !(await prisma.complaint.findUnique({ where: { id: complaintId }, select: { id: true } })); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const view = await handle.query(complaintStateQuery);
      return reply.code(201).header('location', `/complaints/${complaintId}`).send({ ...view, receivedOn: body.receivedOn });
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
      const row = await prisma.complaint.findUnique({ where: { id }, include: { verification: true } });
      if (!row) throw notFound('complaint', id);
      const extra = (await trailOf([id]))(id);
      const visibility = complaintVisibility(actor, row, extra.verifierId);
      if (!visibility) throw confidential(`Complaint ${id}`);
      let view: ComplaintView | null = null;
      const handle = handleOf(id);
      const description = await handle.describe().catch(() => null);
      if (description?.status.name === 'RUNNING') view = await handle.query(complaintStateQuery).catch(() => null);
      await auditConfidentialRead(db, request, { entityType: 'Complaint', entityId: id, assignmentId: row.assignmentId });
      const complaint = present(row, visibility, extra);
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
        response: { 200: z.object({ items: z.array(ComplaintSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { assignmentId, state, limit, cursor } = request.query;
      const { actor } = principal(request);
      const rows = await prisma.complaint.findMany({
        where: {
          ...visibleComplaintsWhere(actor),
          ...(assignmentId && { assignmentId }),
          ...(state && { OR: [{ state }, { state: { startsWith: `${state}.` } }] }),
        },
        include: { verification: true },
        orderBy: [{ filedAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      });
      const kept = rows.slice(0, limit);
      const trail = await trailOf(kept.map((r) => r.id));
      const items = kept.flatMap((row) => {
        const extra = trail(row.id);
        const visibility = complaintVisibility(actor, row, extra.verifierId);
        return visibility ? [present(row, visibility, extra)] : [];
      });
      await auditConfidentialRead(db, request, {
        entityType: 'Complaint',
        entityId: assignmentId ?? '*',
        assignmentId,
        ids: items.map((c) => c.id),
      });
      return { items, nextCursor: rows.length > limit ? kept.at(-1)!.id : null };
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
    async (request) => {
      const handle = handleOf(request.params.id);
      return refusingClosed(
        () => handle.executeUpdate(startVerificationUpdate, { args: [{ actor: principal(request).actor }] }),
        () => handle.query(complaintStateQuery),
      );
    },
  );

  app.post(
    '/complaints/:id/verification',
    {
      config: { roles: VERIFIERS },
      schema: {
        tags: ['complaints'],
        summary: 'Record the verification: well-founded (a ground for early reassignment, still leadership\'s decision) or unfounded',
        params: IdParamsSchema,
        body: VerificationBodySchema,
        response: { 200: ComplaintViewSchema },
      },
    },
    async (request) => {
      const handle = handleOf(request.params.id);
      return refusingClosed(
        () => handle.executeUpdate(recordVerificationUpdate, { args: [{ ...request.body, actor: principal(request).actor }] }),
        () => handle.query(complaintStateQuery),
      );
    },
  );
};
