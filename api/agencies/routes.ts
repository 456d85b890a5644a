/**
 * Provincial agencies whose leaders monitor communes (seed 001): the agencies a caller follows, and one agency's
 * leaders' monitoring for its head, Board leadership and the auditor. The monitoring is a confidential read, audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AgencyMonitoringSchema, AgencySummarySchema } from '../../contracts/agencies';
import { agenciesFollowedBy, agencyMonitoring } from '../../domain/agencies/reads';
import { AGENCY_MONITORING_READERS } from '../../machines/roles';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { AgencyParamsSchema } from './schemas';

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
      config: { roles: AGENCY_MONITORING_READERS },
      schema: {
        tags,
        summary:
          'The provincial agencies the caller follows: every one for Board leadership and the auditor, their own for a head',
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
};
