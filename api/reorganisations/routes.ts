/**
 * Reorganisations of the map (merger, split, rename, dissolution, new unit), recorded by the administrator with their
 * legal basis and effective day. The preview and the record compute the same plan (domain/reorganisations/plan.ts):
 * what the preview lists is what the record then does. After the record's transaction each running assignment on a
 * unit that ceases or changes is signalled; its workflow closes it on the effective day, or keeps it running.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Role } from '../../machines/actor';
import { planReorganization } from '../../domain/reorganisations/plan';
import { recordReorganization } from '../../domain/reorganisations/record';
import {
  RecordedReorganizationSchema,
  ReorganizationPlanSchema,
  SettledProposalSchema,
} from '../../contracts/reorganisations';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { keyedUuid } from '../keyed-ids';
import type { ZodTypeProvider } from '../zod-provider';
import { ReorganizationBodySchema, SettlementBodySchema } from './schemas';
import { settleSuccessorProposal } from '../../domain/reorganisations/successor-proposals';
import { LEADERSHIP } from '../../machines/roles';
import { IdParamsSchema } from '../params';
import { signalAssignments, signalMeetings, signalYearsCarried } from './signals';

const KEEPERS: readonly Role[] = ['ADMINISTRATOR'];
const REFUSALS =
  '400 naming the field for a malformed body; 422 RuleViolated naming the rule (`rule`) and the field: ' +
  'PREDECESSOR_NOT_IN_FORCE (already merged or dissolved, or not yet existing on the effective day), UNIT_CEASES_TWICE, ' +
  'OFFICIAL_CODE_REUSED, INVALID_OFFICIAL_CODE, KIND_NOT_OF_LEVEL, AREA_CODE_TAKEN, UNKNOWN_AREA, UNKNOWN_PARENT, DUPLICATE_UNIT, ' +
  'MERGE_FEWER_THAN_TWO_PREDECESSORS, MERGE_ONE_SUCCESSOR, MERGE_NOTHING_CEASES, SPLIT_ONE_PREDECESSOR, SPLIT_FEWER_THAN_TWO_SUCCESSORS, ' +
  'RENAME_ONE_UNIT, RENAME_NEEDS_NAME, RENAME_SAME_NAME, DISSOLVE_NO_SUCCESSOR, NEW_UNIT_NO_PREDECESSOR, NAME_ONLY_FOR_RENAME, PART_ONLY_IN_SPLIT_OR_MERGE.';

export const reorganisationRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const db = { prisma: deps.prisma, provider: deps.provider };
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['areas'];

  app.post(
    '/reorganisations/preview',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary:
          'What a reorganisation would do, without writing: the units that cease or continue, those it creates, and every running assignment, open filing, pending evaluation, open complaint and future meeting touched, with what happens to each',
        description: REFUSALS,
        body: ReorganizationBodySchema,
        response: { 200: ReorganizationPlanSchema },
      },
    },
    async (request) => planReorganization(deps.prisma, request.body),
  );

  app.post(
    '/reorganisations',
    {
      config: { roles: KEEPERS, temporalCallBoundMs: 60_000 },
      schema: {
        tags,
        summary:
          "Records a reorganisation (the preview's plan) in one transaction: the units created, the predecessors ended the day before, a rename's names, an AREA_SUCCESSOR proposal in leadership's inbox per unit created; then signals each running assignment touched and each future meeting it cancels",
        description: `${REFUSALS} With an Idempotency-Key, a retry is answered as the first and writes nothing twice.`,
        body: ReorganizationBodySchema,
        response: { 201: RecordedReorganizationSchema },
      },
    },
    async (request, reply) => {
      const id = `reorganization-${keyedUuid('reorganisation', request)}`;
      const recorded = await recordReorganization(db, principal(request), id, request.body);
      const signals = await signalAssignments(deps.temporal, request.log, id, recorded.plan);
      const meetingSignals = await signalMeetings(deps.temporal, request.log, id, recorded.plan);
      return reply.code(201).send({ ...recorded, signals, meetingSignals });
    },
  );

  app.post(
    '/reorganisations/successor-proposals/:id/settle',
    {
      config: { roles: LEADERSHIP },
      schema: {
        tags,
        summary:
          "Settles a new unit's AREA_SUCCESSOR proposal: with the assignment leadership decided on the unit (APPROVED), or closed without one (REJECTED); it leaves the inbox",
        description:
          "The appointment itself is proposed and approved as any other, with its decision. When the assignment's official monitored a predecessor unit (a candidate), `carried` names the years they keep for rotation, counted from that assignment's start, and the assignment's workflow is told. 404 for another kind of proposal; 422 ASSIGNMENT_NOT_ON_UNIT, PROPOSAL_SETTLED (settled otherwise; the same settlement again answers the same).",
        params: IdParamsSchema,
        body: SettlementBodySchema,
        response: { 200: SettledProposalSchema },
      },
    },
    async (request) => {
      const settled = await settleSuccessorProposal(db, principal(request), request.params.id, request.body);
      if (!settled.carried) return { ...settled, carried: null };
      const signal = await signalYearsCarried(deps.temporal, request.log, settled.id, settled.carried);
      return { ...settled, carried: { ...settled.carried, signal } };
    },
  );
};
