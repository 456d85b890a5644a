/**
 * The provincial agencies' leaders who may be proposed to the Standing Committee to monitor a commune (seed 001): one
 * read for those who prepare the proposals (Board leadership, department heads), those who decide them (Standing
 * Committee members), the auditor and the administrator. Names, posts and the communes monitored today, nothing of the
 * leaders' monitoring, which stays the agency monitoring's confidential read.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AgencyLeaderListSchema } from '../../contracts/agency-leaders';
import { agencyLeadersOn } from '../../domain/agency-leaders/reads';
import { COMMUNE_PROPOSAL_READERS } from '../../machines/commune-decisions';
import type { Role } from '../../machines/roles';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';

/** Who reads the leaders: whoever reads the Standing Committee's proposals, and the administrator who enters them. */
export const AGENCY_LEADER_READERS: readonly Role[] = [...COMMUNE_PROPOSAL_READERS, 'ADMINISTRATOR'];

export const agencyLeaderRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/agency-leaders',
    {
      config: { roles: AGENCY_LEADER_READERS },
      schema: {
        tags: ['commune-decisions'],
        summary: "The agencies' leaders who may be proposed to monitor a commune, with the communes they monitor today",
        description:
          "Every member of a provincial agency in place today (Vietnam's day) whose active account holds AGENCY_LEADER, one entry per membership (a leader of two agencies is two entries), by agency: member id, name, post, head or not, the agency, and the communes and wards they monitor today under each programme (link, days, decision number). Nothing of their filings, comment forms or ratings. For Board leadership and department heads (who propose), Standing Committee members (who decide), the auditor and the administrator; 403 for anyone else. Not audited: the facts are those `GET /dashboard/areas` answers.",
        querystring: z.strictObject({}),
        response: { 200: AgencyLeaderListSchema },
      },
    },
    async () => agencyLeadersOn(deps.prisma),
  );
};
