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

const thisYear = () => Number(dayOf(Date.now()).slice(0, 4));

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
        summary: "The next free number of a register this year (or in `year`), for the approval form's decision",
        querystring: NextNumberQuerySchema,
        response: { 200: NextNumberSchema },
      },
    },
    async (request) => {
      const { register } = request.query;
      const year = request.query.year ?? thisYear();
      const sequence = await nextDecisionSequence(prisma, register, year);
      return { register, year, sequence, number: formatDecisionNumber(sequence, register) };
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
