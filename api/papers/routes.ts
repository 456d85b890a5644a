/**
 * The papers: the committee's terms the Party registers number in (entered by the administrator when a congress
 * closes), read by the administrator, leadership and the auditor. The records are domain/papers/.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { CommitteeTermSchema } from '../../contracts/papers';
import { committeeTerms, recordCommitteeTerm } from '../../domain/papers/terms';
import { PERSONNEL_READERS } from '../../machines/roles';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { CommitteeTermBodySchema } from './schemas';

const ADMINISTRATOR = ['ADMINISTRATOR'] as const;

export const paperRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };

  app.get(
    '/committee-terms',
    {
      config: { roles: PERSONNEL_READERS },
      schema: {
        tags: ['decisions'],
        summary: "The committee's terms, the latest first: a Party register numbers from 1 in each",
        response: { 200: z.object({ items: z.array(CommitteeTermSchema) }) },
      },
    },
    async () => ({ items: await committeeTerms(prisma) }),
  );

  app.post(
    '/committee-terms',
    {
      config: { roles: ADMINISTRATOR },
      schema: {
        tags: ['decisions'],
        summary: 'Record a term of the committee: from its first day, Party registers number from 1 again',
        description:
          'The day the congress closed. The same day again answers the term on record (200). 422 `RuleViolated` with `rule`: TERM_STARTS_IN_FUTURE (after today in Vietnam), TERM_STARTS_BEFORE_NUMBERED_DECISION (a Party register already numbered a decision on or after that day in its earlier period). Audited (COMMITTEE_TERM_RECORDED).',
        body: CommitteeTermBodySchema,
        response: { 200: CommitteeTermSchema, 201: CommitteeTermSchema },
      },
    },
    async (request, reply) => {
      const { term, created } = await recordCommitteeTerm(db, principal(request), request.body);
      return reply.code(created ? 201 : 200).send(term);
    },
  );
};
