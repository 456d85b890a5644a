import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { auditConfidentialRead } from '../audited-read';
import { principal, STAFF_ROLES } from '../auth/plugin';
import { filingReader } from '../../domain/parties';
import { assignmentMonths } from '../../domain/months/reads';
import { MonthsSchema } from '../../contracts/months';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { IdParamsSchema } from '../params';

const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');

const MonthsQuerySchema = z
  .strictObject({
    from: Period.optional().meta({ description: 'The first month (YYYY-MM); not after `to`' }),
    to: Period.optional().meta({ description: 'The last month (YYYY-MM); not before `from`' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` comes before `to`', path: ['from'] });

/**
 * `GET /assignments/:id/months`: each month's plan and report with its deadline, filing and lateness (the plan with
 * its content, day and place), newest first, from the records the monthly cycles wrote (domain/months/reads.ts).
 * Filings are work records, not personnel details: Board staff read them.
 */
export const monthRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/assignments/:id/months',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['monthly cycle'],
        description:
          "Board staff read the deadlines and their standing; the plans' content, day and place only those who read plans and reports (leadership, the auditor, the group leader of the assignment's group, its official; null for others), an audited read.",
        summary:
          "Each month's plan and report: due date, deadline state, when filed and whether late, escalation level; the plan's content, day and place",
        params: IdParamsSchema,
        querystring: MonthsQuerySchema,
        response: { 200: MonthsSchema },
      },
    },
    async (request) => {
      const reader = await filingReader(prisma, principal(request).actor);
      const { view, plansRead } = await assignmentMonths(prisma, reader, request.params.id, request.query);
      if (plansRead.length > 0) {
        await auditConfidentialRead({ prisma, provider }, request, {
          entityType: 'MonthlyPlan',
          entityId: view.assignmentId,
          assignmentId: view.assignmentId,
          ids: plansRead,
        });
      }
      return view;
    },
  );
};
