/**
 * The year's monitoring results per leader of a provincial agency, an input to their annual rating (seed 001): their
 * communes, filings on time, late or missing, the commune committees' comment levels and requests for another monitor.
 * A confidential read, audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AgencyRatingsSchema } from '../../contracts/commune-comments';
import { agencyRatings } from '../../domain/agency-ratings/reads';
import { LEADERSHIP, type Role } from '../../machines/roles';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';

const READERS = [
  'AGENCY_HEAD',
  'STANDING_COMMITTEE_MEMBER',
  ...LEADERSHIP,
  'AUDITOR',
] as const satisfies readonly Role[];

const ParamsSchema = z.strictObject({ agencyId: z.string().trim().min(1).max(200) });
const QuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2200) });

export const agencyRatingRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/agencies/:agencyId/ratings',
    {
      config: { roles: READERS },
      schema: {
        tags: ['agencies'],
        summary: "The year's monitoring results per leader of an agency, an input to their annual rating",
        description:
          "For each leader of the agency in the year: the communes they monitored, the year's filings on time, late or missing (null while none is on record), and each commune committee's comment form (state, completion level, late or not, a request for another monitor), with totals. The agency's head reads their own agency; the Standing Committee's members, Board leadership and the auditor every agency; others 403. A comment form shows only as far as the reader may see it (the leader monitored, even as head, not their own unless the programme's version says so). Audited (CONFIDENTIAL_READ on AgencyRatings, with the leaders' member ids). 404 for an unknown agency.",
        params: ParamsSchema,
        querystring: QuerySchema,
        response: { 200: AgencyRatingsSchema },
      },
    },
    async (request) => {
      const { userId, actor } = principal(request);
      const answer = await agencyRatings(
        prisma,
        request.params.agencyId,
        { userId, roles: actor.roles, areaId: actor.areaId },
        request.query.year,
      );
      await auditConfidentialRead({ prisma, provider }, request, {
        entityType: 'AgencyRatings',
        entityId: `${answer.agency.id}/${answer.year}`,
        ids: answer.leaders.map((l) => l.memberId),
      });
      return answer;
    },
  );
};
