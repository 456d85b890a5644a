import { type WorkflowHandle, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import type { Actor, Role } from '../../machines/actor';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { policyInForce } from '../../domain/programmes/reads';
import { ASSIGNMENT_PROPOSERS, LEADERSHIP, POSITION_CHANGE_REPORTERS } from '../../machines/roles';
import { assignmentWorkflow, type AssignmentWorkflowInput } from '../../workflows/assignment.workflow';
import {
  approveUpdate,
  assignmentStateQuery,
  type AssignmentView,
  proposeUpdate,
  rejectUpdate,
  reportPositionChangeUpdate,
  withdrawUpdate,
} from '../../workflows/assignment.messages';
import { assignmentWorkflowId } from '../../workflows/ids';
import { AssignmentDetailSchema, AssignmentViewSchema } from '../../contracts/assignments';
import { claimAreaPlace } from '../../domain/assignments/area-claims';
import { assertProposalNamesExist, assignmentOnRecord } from '../../domain/assignments/reads';
import { factsFilter, recordAndFacts } from '../../domain/confidential-facts';
import { refuseAssignmentWriteOutsideDepartment, refuseOutsideDepartment } from '../../domain/department-scope';
import { readerOf } from '../audited-read';
import { principal, STAFF_ROLES } from '../auth/plugin';
import { awaitRecord } from '../await-record';
import { refusingClosed } from '../closed-workflows';
import { approveWithDecision } from '../decisions/acceptance';
import type { RouteDeps } from '../deps';
import { Refusal } from '../errors';
import { keyedUpdateId, keyedUuid } from '../keyed-ids';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import {
  ApproveBodySchema,
  PositionChangeBodySchema,
  ProposeAssignmentBodySchema,
  ProposeBodySchema,
  RejectBodySchema,
  WithdrawBodySchema,
} from './schemas';
import { WorkflowViewCache } from './view-cache';
import { workflowStarted } from './workflow';

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
        response: { 201: AssignmentViewSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      await assertProposalNamesExist(prisma, body);
      // A department head proposes officials of their department; one area, one assignment.
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
        // The Board's programme's rules in force on the effective date; each month then takes its own (policyInForce).
        policy: (await policyInForce(prisma, DEFAULT_PROGRAMME_ID, body.effectiveFrom)).policy,
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
      await awaitRecord(() => assignmentOnRecord(prisma, assignmentId));
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
        response: { 200: AssignmentDetailSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const handle = handleOf(id);
      // The stored row and what decides the confidential facts' visibility: one read.
      const [view, found] = await Promise.all([
        views.read(handle, () => handle.query(assignmentStateQuery)),
        recordAndFacts(prisma, principal(request).actor, id),
      ]);
      // No record yet (just proposed): no complaint nor evaluation can rest on it either.
      if (!found) return { view, record: null };
      const { record, filter: facts } = found;
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
        schema: {
          tags: ['assignments'],
          summary,
          params: IdParamsSchema,
          body: schema,
          response: { 200: AssignmentViewSchema },
        },
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
