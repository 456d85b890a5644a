import type { FastifyPluginAsync } from 'fastify';
import { dayOf } from '../../machines/calendar';
import { formatDecisionNumber } from '../../machines/decision-number';
import { LEADERSHIP, LEADERSHIP_AND_AUDITOR } from '../../machines/roles';
import { registerPage } from '../../domain/decisions/reads';
import { nextDecisionSequence } from '../../domain/decisions/register';
import type { RouteDeps } from '../deps';
import { pageSchema } from '../pagination';
import type { ZodTypeProvider } from '../zod-provider';
import { DecisionEntrySchema, NextNumberQuerySchema, NextNumberSchema, RegisterQuerySchema } from './schemas';

/** The day a decision will be issued: `on`, else today in this year, else the last day of the year named. */
function issueDay(query: { on?: string | undefined; year?: number | undefined }): string {
  if (query.on) return query.on;
  const today = dayOf(Date.now());
  return query.year === undefined || String(query.year) === today.slice(0, 4) ? today : `${query.year}-12-31`;
}

/**
 * The register of written decisions: the next free number for the leader's approval form, and the register itself for
 * leadership and the auditor (Đ13.3).
 */
export const decisionRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/decisions/next-number',
    {
      config: { roles: LEADERSHIP },
      schema: {
        tags: ['decisions'],
        summary:
          "The next free number of a register for a decision issued today (or on `on`, or in `year`), in that day's period: the committee's term for a Party register, the calendar year for a State one",
        querystring: NextNumberQuerySchema,
        response: { 200: NextNumberSchema },
      },
    },
    async (request) => {
      const { register } = request.query;
      const on = issueDay(request.query);
      const { sequence, periodStart } = await nextDecisionSequence(prisma, register, on);
      const year = Number(on.slice(0, 4));
      return { register, year, periodStart, sequence, number: formatDecisionNumber(sequence, register) };
    },
  );

  app.get(
    '/decisions',
    {
      config: { roles: LEADERSHIP_AND_AUDITOR },
      schema: {
        tags: ['decisions'],
        summary: 'The register of written decisions: by register and year, newest number first',
        querystring: RegisterQuerySchema,
        response: { 200: pageSchema(DecisionEntrySchema) },
      },
    },
    async (request) => registerPage(prisma, request.query),
  );
};
