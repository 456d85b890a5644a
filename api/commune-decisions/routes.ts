/**
 * The Standing Committee's decisions on who monitors a commune under a programme it decides (seed 001): the Board's
 * staff proposes an appointment or a reassignment, a Standing Committee member approves it with the Standing
 * Committee's decision (its own register) or refuses it. Proposals are personnel matters: their reads are audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { endCommuneLinkWorkflows, startCommuneLinkWorkflows } from '../../activities/commune-links';
import { CommuneProposalListSchema, CommuneProposalSchema } from '../../contracts/commune-decisions';
import { listProposals, proposalView } from '../../domain/commune-decisions/reads';
import { decideProposal, proposeAppointment, proposeReassignment } from '../../domain/commune-decisions/writes';
import {
  COMMUNE_LINK_DECIDERS,
  COMMUNE_LINK_PROPOSERS,
  COMMUNE_PROPOSAL_READERS,
} from '../../machines/commune-decisions';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { keyedUuid } from '../keyed-ids';
import type { ZodTypeProvider } from '../zod-provider';
import {
  AppointmentProposalBodySchema,
  DecisionBodySchema,
  LinkParamsSchema,
  ProposalListQuerySchema,
  ProposalParamsSchema,
  ReassignmentProposalBodySchema,
} from './schemas';

export const communeDecisionRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma } = deps;
  const db = { prisma, provider: deps.provider };
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['commune-decisions'];

  app.get(
    '/commune-proposals',
    {
      config: { roles: COMMUNE_PROPOSAL_READERS },
      schema: {
        tags,
        summary: "Proposals for the Standing Committee's decision on who monitors a commune, oldest first",
        description:
          'For those who prepare them (Board staff), those who decide them (Standing Committee members) and the auditor; every proposal whatever its status, or those of `status`. Audited as a confidential read (CONFIDENTIAL_READ on CommuneLinkProposal, with the ids listed).',
        querystring: ProposalListQuerySchema,
        response: { 200: CommuneProposalListSchema },
      },
    },
    async (request) => {
      const items = await listProposals(prisma, request.query.status);
      await auditConfidentialRead(db, request, {
        entityType: 'CommuneLinkProposal',
        entityId: request.query.status ?? 'ALL',
        ids: items.map((p) => p.id),
      });
      return { items };
    },
  );

  app.get(
    '/commune-proposals/:proposalId',
    {
      config: { roles: COMMUNE_PROPOSAL_READERS },
      schema: {
        tags,
        summary: 'One proposal for the Standing Committee, with its decision when decided',
        description: 'Audited as a confidential read. 404 for an unknown proposal.',
        params: ProposalParamsSchema,
        response: { 200: CommuneProposalSchema },
      },
    },
    async (request) => {
      const view = await proposalView(prisma, request.params.proposalId);
      await auditConfidentialRead(db, request, { entityType: 'CommuneLinkProposal', entityId: view.id });
      return view;
    },
  );

  app.post(
    '/commune-proposals',
    {
      config: { roles: COMMUNE_LINK_PROPOSERS },
      schema: {
        tags,
        summary: "Board staff proposes that an agency's leader monitor a commune or ward, for the Standing Committee",
        description:
          "Refused with 422 `RuleViolated` naming the rule and field: PROGRAMME_NOT_DECIDED_BY_STANDING_COMMITTEE (programmeId: its appointments are Board leadership's), AREA_KIND_NOT_OF_PROGRAMME and AREA_NOT_IN_FORCE (areaId), MEMBER_NOT_A_LEADER and LEADER_NOT_IN_FORCE (memberId), COMMUNE_ALREADY_MONITORED (areaId: a leader in force monitors it under the programme on `from` or later), FROM_IN_PAST. 404 for an unknown programme, area or member. Audited (COMMUNE_LINK_PROPOSED); idempotent under its Idempotency-Key.",
        body: AppointmentProposalBodySchema,
        response: { 201: CommuneProposalSchema },
      },
    },
    async (request, reply) => {
      const id = `commune-proposal-${keyedUuid('commune-proposal', request)}`;
      return reply.code(201).send(await proposeAppointment(db, principal(request), id, request.body));
    },
  );

  app.post(
    '/commune-links/:linkId/reassignment',
    {
      config: { roles: COMMUNE_LINK_PROPOSERS },
      schema: {
        tags,
        summary: "Board staff proposes that a leader's commune go to another leader, for the Standing Committee",
        description:
          "The ground is the commune committee's request for another monitor (COMMUNE_REQUEST, its comment named by `groundCommentId` when known) or another (OTHER) with its reason. The same rules as an appointment for the leader who follows, checked on `from`, beside LINK_NOT_IN_FORCE (linkId), LINK_STARTS_LATER (from: the link must run before it) and SAME_LEADER (memberId). The approval ends the link the day before `from` (or the decision's day, if later) and makes the new one. 404 for an unknown link or member. Audited (COMMUNE_LINK_PROPOSED); idempotent under its Idempotency-Key.",
        params: LinkParamsSchema,
        body: ReassignmentProposalBodySchema,
        response: { 201: CommuneProposalSchema },
      },
    },
    async (request, reply) => {
      const id = `commune-proposal-${keyedUuid('commune-reassignment', request)}`;
      return reply
        .code(201)
        .send(await proposeReassignment(db, principal(request), id, request.params.linkId, request.body));
    },
  );

  app.post(
    '/commune-proposals/:proposalId/decision',
    {
      config: { roles: COMMUNE_LINK_DECIDERS },
      schema: {
        tags,
        summary:
          "A Standing Committee member approves a proposal with the Standing Committee's decision, or refuses it",
        description:
          "Approval names the decision's number in the Standing Committee's own register (e.g. 5-QĐ/TU) and its day; the signer is the member. It writes the decision, ends the link a reassignment replaces, makes the new link (from the later of the proposal's `from` and the decision's day) and closes the proposal in one transaction, audited (COMMUNE_LINK_APPROVED); then the ended link's workflows (its yearly filings and its comment forms) are signalled `communeLinkEnded` (endCommuneLinkWorkflows) and the new link's are started (startCommuneLinkWorkflows; a retry starts nothing twice); a refusal needs its reason (COMMUNE_LINK_REFUSED). 422 `RuleViolated`: the proposal's rules again on the link's first day, DECISION_REGISTER_OF_THE_BOARD and DECISION_NUMBER_TAKEN (decision.number), DECISION_DATE_IN_FUTURE and DECISION_BEFORE_PROPOSAL (decision.issuedOn), OWN_PROPOSAL; 409 PROPOSAL_DECIDED when already decided otherwise. Only Standing Committee members (Board leadership: 403). Idempotent under its Idempotency-Key.",
        params: ProposalParamsSchema,
        body: DecisionBodySchema,
        response: { 200: CommuneProposalSchema },
      },
    },
    async (request) => {
      const { proposal, made, ended } = await decideProposal(
        db,
        principal(request),
        request.params.proposalId,
        request.body,
      );
      // After the commit, on every answer of an approval (a retry too): a start of a link's workflows is named by the
      // link and a second one starts nothing, so a failure here is mended by sending the decision again.
      if (ended?.until) await endCommuneLinkWorkflows({ client: deps.temporal }, { id: ended.id, until: ended.until });
      if (made) await startCommuneLinkWorkflows({ client: deps.temporal, taskQueue: deps.taskQueue }, [made]);
      return proposal;
    },
  );
};
