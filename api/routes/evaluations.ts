/**
 * Annual evaluations (Đ9.5, Đ7.B.4, Đ12): each December the area's standing committee sends its written evaluation,
 * the group leader proposes the rating, Board leadership rates. Reads are confidential (see api/confidentiality.ts)
 * and each one is audited (CONFIDENTIAL_READ) before the response leaves.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Actor, Role } from '../../machines/actor';
import { RATINGS } from '../../machines/annual-evaluation.machine';
import {
  evaluationStateQuery,
  type EvaluationView,
  ProposeRatingArgsSchema,
  proposeRatingUpdate,
  RateArgsSchema,
  rateUpdate,
  SubmitAreaEvaluationArgsSchema,
  submitAreaEvaluationUpdate,
} from '../../workflows/annual-evaluation.messages';
import { annualEvaluationWorkflowId } from '../../workflows/ids';
import { auditConfidentialRead } from '../audited-read';
import { ANY_ROLE, principal } from '../auth/plugin';
import { refusingClosed } from '../closed-workflows';
import {
  type AssignmentParties,
  evaluationVisibility,
  type EvaluationVisibility,
  seesEvaluationPart,
} from '../../machines/access';
import { assignmentParties } from '../../domain/parties';
import { confidential } from '../../domain/refusal';
import { LEADERSHIP, RATING_PROPOSERS } from '../../machines/roles';
import { notFound } from '../errors';
import type { AnnualEvaluation } from '../../prisma/database';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { keyedUpdateId } from '../keyed-ids';

/** The area committee sends the evaluation; the workflow's rule binds it to its own area (422 NOT_THIS_AREA_COMMITTEE). */
const COMMITTEES = ['AREA_COMMITTEE'] as const;
/**
 * The group leader proposes; an official working alone proposes for themself (Đ5.6), so OFFICIAL may call the route
 * too, and the workflow's rule (422 NOT_GROUP_LEADER) decides who among them is the one.
 */
const PROPOSERS = RATING_PROPOSERS;
/** Leadership rates; the workflow also refuses a leader rating their own group or proposal (422 NO_SELF_APPROVAL). */
const RATERS = LEADERSHIP;

const AssignmentParamsSchema = z.strictObject({ id: z.string().trim().min(1).max(200) });
const YearParamsSchema = z.strictObject({
  id: z.string().trim().min(1).max(200),
  year: z.coerce.number().int().min(2000).max(2200),
});

// The actor always comes from the token: the bodies are the update arguments without it.
const AreaEvaluationBodySchema = SubmitAreaEvaluationArgsSchema.omit({ actor: true });
const ProposalBodySchema = ProposeRatingArgsSchema.omit({ actor: true });
const RatingBodySchema = RateArgsSchema.omit({ actor: true });

const RatingSchema = z.enum(RATINGS);

const EvaluationSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  year: z.number(),
  /** What of the evaluation the caller may see; the fields withheld from them are null. */
  visibility: z.enum(['full', 'areaCommittee', 'official']),
  state: z.string(),
  requestedAt: z.string(),
  dueAt: z.string(),
  receivedAt: z.string().nullable(),
  /** The committee's written evaluation (full and areaCommittee). */
  areaEvaluation: z
    .object({
      submittedById: z.string().nullable(),
      responsibility: z.string().nullable(),
      method: z.string().nullable(),
      coordination: z.string().nullable(),
      contributions: z.string().nullable(),
      shortcomings: z.string().nullable(),
      proposesReplacement: z.boolean(),
    })
    .nullable(),
  /** The group leader's proposal (full only). */
  proposal: z
    .object({ rating: RatingSchema, notes: z.string().nullable(), proposedById: z.string().nullable() })
    .nullable(),
  /** Leadership's rating (full and official). */
  rating: z
    .object({ rating: RatingSchema, ratedById: z.string().nullable(), ratedAt: z.string().nullable() })
    .nullable(),
  /** How to address this evaluation in `POST /opinions`. */
  opinionSubject: z.object({ subjectType: z.literal('AnnualEvaluation'), subjectId: z.string() }),
});
type Evaluation = z.infer<typeof EvaluationSchema>;

const EvaluationDetailSchema = EvaluationSchema.extend({
  /** The workflow's view while it runs; null once it has ended (the record is then final). */
  workflow: z.object({ state: z.string(), allowedEvents: z.array(z.string()), dueAt: z.string() }).nullable(),
  allowedEvents: z.array(z.string()),
});

const EvaluationViewSchema = z.object({
  assignmentId: z.string(),
  year: z.number(),
  state: z.string(),
  allowedEvents: z.array(z.string()),
  dueAt: z.string(),
});

/** The audit trail's (and the opinions') name for one evaluation, as the workflow's activities write it. */
export const evaluationEntityId = (assignmentId: string, year: number) => `${assignmentId}/${year}`;

function present(row: AnnualEvaluation, visibility: EvaluationVisibility): Evaluation {
  const seesCommittee = seesEvaluationPart(visibility, 'areaEvaluation');
  const seesRating = seesEvaluationPart(visibility, 'rating');
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    year: row.year,
    visibility,
    state: row.state,
    requestedAt: row.requestedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    receivedAt: row.receivedAt?.toISOString() ?? null,
    areaEvaluation:
      seesCommittee && row.receivedAt
        ? {
            submittedById: row.submittedById,
            responsibility: row.responsibility,
            method: row.method,
            coordination: row.coordination,
            contributions: row.contributions,
            shortcomings: row.shortcomings,
            proposesReplacement: row.proposesReplacement,
          }
        : null,
    proposal:
      seesEvaluationPart(visibility, 'proposal') && row.proposedRating
        ? { rating: RatingSchema.parse(row.proposedRating), notes: row.proposalNotes, proposedById: row.proposedById }
        : null,
    rating:
      seesRating && row.rating
        ? {
            rating: RatingSchema.parse(row.rating),
            ratedById: row.ratedById,
            ratedAt: row.ratedAt?.toISOString() ?? null,
          }
        : null,
    opinionSubject: { subjectType: 'AnnualEvaluation', subjectId: evaluationEntityId(row.assignmentId, row.year) },
  };
}

export const evaluationRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider, temporal }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };
  const handleOf = (id: string, year: number) => temporal.workflow.getHandle(annualEvaluationWorkflowId(id, year));

  const partiesOrThrow = async (id: string): Promise<AssignmentParties> => {
    const parties = await assignmentParties(prisma, id);
    if (!parties) throw notFound('assignment', id);
    return parties;
  };

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
          'Board leadership, the auditor and the group leader see everything; the area committee its own submission; the evaluated official the final rating. Anyone else: 403.',
        params: AssignmentParamsSchema,
        response: { 200: z.object({ assignmentId: z.string(), items: z.array(EvaluationSchema) }) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { actor } = principal(request);
      const parties = await partiesOrThrow(id);
      if (!evaluationVisibility(actor, parties)) throw confidential(`The evaluations of assignment ${id}`);
      const rows = await prisma.annualEvaluation.findMany({ where: { assignmentId: id }, orderBy: { year: 'asc' } });
      const items = rows.map((row) => present(row, evaluationVisibility(actor, parties, row)!));
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
      const parties = await partiesOrThrow(id);
      if (!evaluationVisibility(actor, parties)) throw confidential(`The evaluations of assignment ${id}`);
      const [row, view] = await Promise.all([
        prisma.annualEvaluation.findUnique({ where: { assignmentId_year: { assignmentId: id, year } } }),
        openView(id, year),
      ]);
      // The workflow writes the record in its first step: before that, as before the request, there is nothing to read.
      if (!row) throw notFound('evaluation', evaluationEntityId(id, year));
      const evaluation = present(row, evaluationVisibility(actor, parties, row)!);
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
