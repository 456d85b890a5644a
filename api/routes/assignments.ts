import { type WorkflowHandle, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Actor, Role } from '../../machines/actor';
import { DaySchema } from '../../machines/day';
import { DEFAULT_POLICY } from '../../machines/policy';
import { ASSIGNMENT_PROPOSERS, LEADERSHIP, POSITION_CHANGE_REPORTERS } from '../../machines/roles';
import { assignmentWorkflow, type AssignmentWorkflowInput } from '../../workflows/assignment.workflow';
import {
  ApproveArgsSchema,
  approveUpdate,
  assignmentStateQuery,
  type AssignmentView,
  ProposeArgsSchema,
  proposeUpdate,
  RejectArgsSchema,
  rejectUpdate,
  ReportPositionChangeArgsSchema,
  reportPositionChangeUpdate,
  WithdrawArgsSchema,
  withdrawUpdate,
} from '../../workflows/assignment.messages';
import { assignmentWorkflowId } from '../../workflows/ids';
import { principal, STAFF_ROLES } from '../auth/plugin';
import { refusingClosed } from '../closed-workflows';
import { factsFilter } from '../../domain/confidential-facts';
import { readerOf } from '../audited-read';
import { Refusal, notFound } from '../errors';
import type { RouteDeps } from '../deps';
import { WorkflowViewCache } from '../workflow-view-cache';
import { approveWithDecision } from '../decisions/acceptance';
import { claimAreaPlace } from '../../domain/assignments/area-claims';
import { workflowStarted } from '../assignments/workflow';
import { refuseAssignmentWriteOutsideDepartment } from '../../domain/department-scope';
import { refuseOutsideDepartment } from '../../domain/department-scope';
import { awaitRecord } from '../await-record';
import { keyedUpdateId, keyedUuid } from '../keyed-ids';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';

export const ProposeAssignmentBodySchema = z.strictObject({
  areaId: z.string().trim().min(1).max(200),
  officialId: z.string().trim().min(1).max(200),
  groupId: z.string().trim().min(1).max(200).optional(),
  effectiveFrom: DaySchema,
  reason: z.string().trim().min(1, 'a proposal needs its reason').max(5_000),
});
export type ProposeAssignmentBody = z.infer<typeof ProposeAssignmentBodySchema>;

// The actor always comes from the token: the bodies are the update arguments without it.
const ApproveBodySchema = ApproveArgsSchema.omit({ actor: true });
const RejectBodySchema = RejectArgsSchema.omit({ actor: true });
const WithdrawBodySchema = WithdrawArgsSchema.omit({ actor: true });
const ProposeBodySchema = ProposeArgsSchema.omit({ actor: true });
const PositionChangeBodySchema = ReportPositionChangeArgsSchema.omit({ actor: true });

/** Which assignment an update goes to, and the update id a keyed request sends it under (api/keyed-ids.ts). */
interface Sending {
  assignmentId: string;
  updateId: string | undefined;
}

export const assignmentRoutes: FastifyPluginAsync<RouteDeps> = async (
  fastify,
  { prisma, provider, temporal, taskQueue },
) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const handleOf = (id: string) => temporal.workflow.getHandle(assignmentWorkflowId(id));
  const views = new WorkflowViewCache<AssignmentView>();

  app.post(
    '/assignments',
    {
      config: { roles: ASSIGNMENT_PROPOSERS },
      schema: {
        tags: ['assignments'],
        summary:
          "Proposes appointing an official to monitor an area; starts the assignment awaiting Board leadership's approval",
        body: ProposeAssignmentBodySchema,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const [area, official, group] = await Promise.all([
        prisma.area.findUnique({ where: { id: body.areaId }, select: { id: true } }),
        prisma.official.findUnique({ where: { id: body.officialId }, select: { id: true, active: true } }),
        body.groupId ? prisma.monitoringGroup.findUnique({ where: { id: body.groupId }, select: { id: true } }) : null,
      ]);
      if (!area) throw notFound('area', body.areaId);
      if (!official || !official.active)
        throw new Refusal(400, 'UNKNOWN_OFFICIAL', `No active official ${body.officialId}`, { path: 'officialId' });
      if (body.groupId && !group)
        throw new Refusal(400, 'UNKNOWN_GROUP', `No monitoring group ${body.groupId}`, { path: 'groupId' });
      // Issue 11: a department head proposes officials of their department (point 8); one area, one assignment (6).
      await refuseOutsideDepartment(prisma, principal(request).actor, async () => [
        { officialId: body.officialId, path: 'officialId' },
      ]);

      // A retry of a keyed proposal names the same workflow; Temporal refuses to start it twice.
      const assignmentId = keyedUuid('assignment', request);
      const started = (id: string) => workflowStarted(() => handleOf(id).describe());
      const claim = await claimAreaPlace(prisma, { assignmentId, ...body }, started);
      const input: AssignmentWorkflowInput = {
        assignmentId,
        areaId: body.areaId,
        officialId: body.officialId,
        groupId: body.groupId,
        proposedBy: principal(request).actor.id,
        reason: body.reason,
        effectiveFrom: body.effectiveFrom,
        policy: DEFAULT_POLICY,
      };
      const handle = handleOf(assignmentId);
      try {
        await temporal.workflow.start(assignmentWorkflow, {
          taskQueue,
          workflowId: handle.workflowId,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
          // A start that surely failed gives the area back; an unsure one is settled by the next proposal for the area.
          if (!(await started(assignmentId).catch(() => true))) await claim.release();
          throw error;
        }
      }
      // The workflow's first write stores the assignment and its approval request: the approver's inbox shows it next.
      await awaitRecord(() => prisma.assignment.findUnique({ where: { id: assignmentId }, select: { id: true } }));
      const view = await handle.query(assignmentStateQuery);
      if (view.areaId !== body.areaId || view.officialId !== body.officialId) {
        throw new Refusal(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different proposal',
        );
      }
      return reply.code(201).header('location', `/assignments/${assignmentId}`).send(view);
    },
  );

  app.get(
    '/assignments/:id',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['assignments'],
        summary: 'State, allowed events, open deadlines and pending proposal (view), and the stored record',
        description:
          'Grounds from complaints and evaluations, and a pending proposal resting on one, are shown only to those who may read that complaint or evaluation (audited read); others see no trace of them (Đ7.A.6).',
        params: IdParamsSchema,
      },
    },
    async (request) => {
      const { id } = request.params;
      const handle = handleOf(id);
      const [view, record, facts] = await Promise.all([
        views.read(handle, () => handle.query(assignmentStateQuery)),
        prisma.assignment.findUnique({ where: { id } }),
        factsFilter(prisma, principal(request).actor, id),
      ]);
      // No record yet (just proposed): no complaint nor evaluation can rest on it either.
      if (!facts) return { view, record };
      const seen = facts.view(view);
      await facts.audit({ prisma, provider }, readerOf(request));
      return { view: seen, record };
    },
  );

  /** An update route: the body is the update's argument without the actor, who is the token's. */
  const update = <Body extends object>(
    path: string,
    roles: readonly Role[],
    summary: string,
    schema: z.ZodType<Body>,
    send: (handle: WorkflowHandle, args: Body & { actor: Actor }, sent: Sending) => Promise<AssignmentView>,
  ) =>
    app.post(
      `/assignments/:id/${path}`,
      {
        config: { roles },
        schema: { tags: ['assignments'], summary, params: IdParamsSchema, body: schema },
        // A body-less POST (withdraw) is an empty body.
        preValidation: async (request) => {
          (request as { body: unknown }).body ??= {};
        },
      },
      async (request) => {
        const { id } = request.params;
        const body = request.body as Body;
        const handle = handleOf(id);
        const actor = principal(request).actor;
        const view = await refusingClosed(
          () => send(handle, { ...body, actor }, { assignmentId: id, updateId: keyedUpdateId(request) }),
          () => handle.query(assignmentStateQuery),
        );
        // The answer is the assignment's view: the same rule as GET /assignments/:id for what it may show (Đ7.A.6).
        const facts = await factsFilter(prisma, actor, id);
        if (!facts) return view;
        const seen = facts.view(view);
        await facts.audit({ prisma, provider }, readerOf(request));
        return seen;
      },
    );

  update(
    'approve',
    LEADERSHIP,
    'Approves the pending proposal, with its written decision',
    ApproveBodySchema,
    async (handle, args, { assignmentId, updateId }) => {
      return approveWithDecision(prisma, handle, assignmentId, args, () =>
        handle.executeUpdate(approveUpdate, { args: [args], updateId }),
      );
    },
  );
  update(
    'reject',
    LEADERSHIP,
    'Rejects the pending proposal, with the reason',
    RejectBodySchema,
    (handle, args, { updateId }) => handle.executeUpdate(rejectUpdate, { args: [args], updateId }),
  );
  update(
    'withdraw',
    ASSIGNMENT_PROPOSERS,
    'Withdraws a proposal not yet decided',
    WithdrawBodySchema,
    (handle, args, { updateId }) => handle.executeUpdate(withdrawUpdate, { args: [args], updateId }),
  );
  update(
    'propose',
    ASSIGNMENT_PROPOSERS,
    "Proposes a rotation, an early reassignment on a ground, a reassignment at the Board's request (BOARD_REASSIGNMENT, on a written reason) or a closure (which names no successor)",
    ProposeBodySchema,
    async (handle, args, { assignmentId, updateId }) => {
      const successor = (args.proposal as { successorOfficialId?: string }).successorOfficialId;
      await refuseAssignmentWriteOutsideDepartment(
        prisma,
        args.actor,
        assignmentId,
        () => handle.query(assignmentStateQuery),
        successor,
      );
      return handle.executeUpdate(proposeUpdate, { args: [args], updateId });
    },
  );
  update(
    'position-change',
    POSITION_CHANGE_REPORTERS,
    "Reports a change of the official's position (a ground for reassignment)",
    PositionChangeBodySchema,
    async (handle, args, { assignmentId, updateId }) => {
      await refuseAssignmentWriteOutsideDepartment(prisma, args.actor, assignmentId, () =>
        handle.query(assignmentStateQuery),
      );
      return handle.executeUpdate(reportPositionChangeUpdate, { args: [args], updateId });
    },
  );
};
