/**
 * Annual evaluations (Đ9.5, Đ7.B.4, Đ12): each December the area's standing committee sends its written evaluation,
 * the group leader proposes the rating, Board leadership rates. Reads are confidential (machines/access.ts)
 * and each one is audited (CONFIDENTIAL_READ) before the response leaves.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import type { Actor, Role } from '../../machines/actor';
import { LEADERSHIP, RATING_PROPOSERS } from '../../machines/roles';
import {
  evaluationStateQuery,
  type EvaluationView,
  proposeRatingUpdate,
  rateUpdate,
  submitAreaEvaluationUpdate,
} from '../../workflows/annual-evaluation.messages';
import { annualEvaluationWorkflowId } from '../../workflows/ids';
import {
  evaluationEntityId,
  evaluationOf,
  evaluationReaders,
  evaluationsOf,
  readableVisibility,
  visibilityOf,
} from '../../domain/evaluations/reads';
import { auditConfidentialRead } from '../audited-read';
import { ANY_ROLE, principal } from '../auth/plugin';
import { refusingClosed } from '../closed-workflows';
import { notFound } from '../errors';
import type { RouteDeps } from '../deps';
import { keyedUpdateId } from '../keyed-ids';
import type { ZodTypeProvider } from '../zod-provider';
import { present } from './present';
import {
  AreaEvaluationBodySchema,
  AssignmentParamsSchema,
  EvaluationDetailSchema,
  EvaluationListSchema,
  EvaluationViewSchema,
  ProposalBodySchema,
  RatingBodySchema,
  YearParamsSchema,
} from './schemas';

/** The area committee sends the evaluation; the workflow's rule binds it to its own area (422 NOT_THIS_AREA_COMMITTEE). */
const COMMITTEES = ['AREA_COMMITTEE'] as const;
/**
 * The group leader proposes; an official working alone proposes for themself (Đ5.6), so OFFICIAL may call the route
 * too, and the workflow's rule (422 NOT_GROUP_LEADER) decides who among them is the one.
 */
const PROPOSERS = RATING_PROPOSERS;
/** Leadership rates; the workflow also refuses a leader rating their own group or proposal (422 NO_SELF_APPROVAL). */
const RATERS = LEADERSHIP;

export const evaluationRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider, temporal }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };
  const handleOf = (id: string, year: number) => temporal.workflow.getHandle(annualEvaluationWorkflowId(id, year));

  /** The running workflow's view, or null once it has ended (or never started). */
  const openView = async (id: string, year: number): Promise<EvaluationView | null> => {
    const handle = handleOf(id, year);
    const description = await handle.describe().catch(() => null);
    if (description?.status.name !== 'RUNNING') return null;
    return handle.query(evaluationStateQuery);
  };

  // Readers: anyone who may have a part (ANY_ROLE); evaluationVisibility decides, 403 for those without one.
  app.get(
    '/assignments/:id/evaluations',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['evaluations'],
        summary: "The assignment's annual evaluations, as much of each as the caller may see (audited read)",
        description:
          "Board leadership, the auditor and the group leader see everything; the area committee the request addressed to it and its own submission (a ceased area's pending request: its successor's committee, no longer its own); the evaluated official the final rating. Anyone else: 403.",
        params: AssignmentParamsSchema,
        response: { 200: EvaluationListSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { actor } = principal(request);
      const readers = await evaluationReaders(prisma, actor, id);
      const rows = await evaluationsOf(prisma, id);
      const items = rows.flatMap((row) => {
        const visibility = visibilityOf(actor, readers, row);
        return visibility ? [present(row, visibility)] : [];
      });
      await auditConfidentialRead(db, request, {
        entityType: 'AnnualEvaluation',
        entityId: id,
        assignmentId: id,
        ids: items.map((e) => e.opinionSubject.subjectId),
      });
      return { assignmentId: id, items };
    },
  );

  app.get(
    '/assignments/:id/evaluations/:year',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['evaluations'],
        summary: "One year's evaluation with its workflow state and the events allowed now (audited read)",
        description:
          'The same visibility as the list. While the evaluation runs, state and allowedEvents come from its workflow; once ended, from the record.',
        params: YearParamsSchema,
        response: { 200: EvaluationDetailSchema },
      },
    },
    async (request) => {
      const { id, year } = request.params;
      const { actor } = principal(request);
      const readers = await evaluationReaders(prisma, actor, id);
      const [row, view] = await Promise.all([evaluationOf(prisma, id, year), openView(id, year)]);
      // The workflow writes the record in its first step: before that, as before the request, there is nothing to read.
      if (!row) throw notFound('evaluation', evaluationEntityId(id, year));
      const evaluation = present(row, readableVisibility(actor, readers, row));
      await auditConfidentialRead(db, request, {
        entityType: 'AnnualEvaluation',
        entityId: evaluationEntityId(id, year),
        assignmentId: id,
      });
      return {
        ...evaluation,
        state: view?.state ?? evaluation.state,
        allowedEvents: view?.allowedEvents ?? [],
        workflow: view && { state: view.state, allowedEvents: view.allowedEvents, dueAt: view.dueAt },
      };
    },
  );

  /** An update route: the body is the update's argument without the actor, who is the token's. */
  const update = <Body extends object>(
    path: string,
    roles: readonly Role[],
    summary: string,
    body: z.ZodType<Body>,
    send: (
      handle: ReturnType<typeof handleOf>,
      args: Body & { actor: Actor },
      updateId: string | undefined,
    ) => Promise<EvaluationView>,
  ) =>
    app.post(
      `/assignments/:id/evaluations/:year/${path}`,
      {
        config: { roles },
        schema: {
          tags: ['evaluations'],
          summary,
          params: YearParamsSchema,
          body,
          response: { 200: EvaluationViewSchema },
        },
      },
      async (request) => {
        const { id, year } = request.params;
        const handle = handleOf(id, year);
        return refusingClosed(
          () => send(handle, { ...(request.body as Body), actor: principal(request).actor }, keyedUpdateId(request)),
          () => handle.query(evaluationStateQuery),
        );
      },
    );

  update(
    'area-evaluation',
    COMMITTEES,
    "The area committee's written evaluation of the group (Đ9.5)",
    AreaEvaluationBodySchema,
    (handle, args, updateId) => handle.executeUpdate(submitAreaEvaluationUpdate, { args: [args], updateId }),
  );
  update(
    'proposal',
    PROPOSERS,
    "The group leader's proposed rating and review points (Đ7.B.4)",
    ProposalBodySchema,
    (handle, args, updateId) => handle.executeUpdate(proposeRatingUpdate, { args: [args], updateId }),
  );
  update('rating', RATERS, "Board leadership's rating (Đ12)", RatingBodySchema, (handle, args, updateId) =>
    handle.executeUpdate(rateUpdate, { args: [args], updateId }),
  );
};
