/**
 * Provincial agencies whose leaders monitor communes (seed 001): the agencies a caller follows, and one agency's
 * leaders' monitoring for its head, Board leadership and the auditor. The monitoring is a confidential read, audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  AgencyMemberRefSchema,
  AgencyMonitoringSchema,
  AgencyRefSchema,
  AgencySummarySchema,
} from '../../contracts/agencies';
import { agenciesFollowedBy, agencyMonitoring } from '../../domain/agencies/reads';
import { addAgencyMember, createAgency } from '../../domain/agencies/writes';
import { AGENCY_MONITORING_READERS } from '../../machines/roles';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { keyedUuid } from '../keyed-ids';
import { AgencyBodySchema, AgencyMemberBodySchema, AgencyParamsSchema } from './schemas';

export const agencyRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma } = deps;
  const db = { prisma, provider: deps.provider };
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['agencies'];
  const readerOf = (request: Parameters<typeof principal>[0]) => {
    const who = principal(request);
    return { userId: who.userId, roles: who.actor.roles };
  };

  app.get(
    '/agencies',
    {
      config: { roles: [...AGENCY_MONITORING_READERS, 'ADMINISTRATOR'] },
      schema: {
        tags,
        summary:
          'The provincial agencies the caller follows: every one for Board leadership, the auditor and the administrator (who enters them), their own for a head',
        response: { 200: z.array(AgencySummarySchema) },
      },
    },
    async (request) => agenciesFollowedBy(prisma, readerOf(request)),
  );

  app.get(
    '/agencies/:agencyId/monitoring',
    {
      config: { roles: AGENCY_MONITORING_READERS },
      schema: {
        tags,
        summary: "An agency's leaders, their communes and the year's monitoring of each, from the records",
        description:
          "For each leader of the agency today: the communes and wards they monitor this year (Vietnam's year), the programme's plan due day from the version in force, its reports on time, late or missing, the commune committee's comments received and the days at the grassroots, as far as the records hold them (empty lists while the programme's filings are not kept). The agency's head reads their own agency only (403 otherwise); Board leadership and the auditor read every agency. Audited as a confidential read (CONFIDENTIAL_READ on AgencyMonitoring, with the leaders' member ids). 404 for an unknown agency.",
        params: AgencyParamsSchema,
        response: { 200: AgencyMonitoringSchema },
      },
    },
    async (request) => {
      const answer = await agencyMonitoring(prisma, request.params.agencyId, readerOf(request));
      await auditConfidentialRead(db, request, {
        entityType: 'AgencyMonitoring',
        entityId: answer.agency.id,
        ids: answer.leaders.map((l) => l.memberId),
      });
      return answer;
    },
  );

  app.post(
    '/agencies',
    {
      config: { roles: ['ADMINISTRATOR'] },
      schema: {
        tags,
        summary: 'Enters a provincial agency whose leaders monitor communes under a programme',
        description:
          "Audited (AGENCY_CREATED); idempotent under its Idempotency-Key. 422 `RuleViolated` AGENCY_CODE_TAKEN when the code is another agency's; 404 for an unknown `areaId`.",
        body: AgencyBodySchema,
        response: { 201: AgencyRefSchema },
      },
    },
    async (request, reply) => {
      const id = `agency-${keyedUuid('agency', request)}`;
      return reply.code(201).send(await createAgency(db, principal(request), id, request.body));
    },
  );

  app.post(
    '/agencies/:agencyId/members',
    {
      config: { roles: ['ADMINISTRATOR'] },
      schema: {
        tags,
        summary: 'Enters a member of an agency: one of its leaders, or its head, from a day',
        description:
          "The user's account holds AGENCY_LEADER, or AGENCY_HEAD for the head (422 AGENCY_MEMBER_ROLE); a user already a member of the agency on that day is refused (422 AGENCY_MEMBER_TWICE). Audited (AGENCY_MEMBER_ADDED); idempotent under its Idempotency-Key. 404 for an unknown agency or user.",
        params: AgencyParamsSchema,
        body: AgencyMemberBodySchema,
        response: { 201: AgencyMemberRefSchema },
      },
    },
    async (request, reply) => {
      const id = `agency-member-${keyedUuid('agency-member', request)}`;
      return reply
        .code(201)
        .send(await addAgencyMember(db, principal(request), id, request.params.agencyId, request.body));
    },
  );
};
