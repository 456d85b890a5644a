import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { auditConfidentialRead } from '../audited-read';
import { principal, STAFF_ROLES } from '../auth/plugin';
import { filingReader } from '../../domain/parties';
import { assignmentMonths } from '../../domain/months/reads';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { IdParamsSchema } from '../params';

const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');

const MonthsQuerySchema = z
  .strictObject({ from: Period.optional(), to: Period.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` comes before `to`', path: ['from'] });

const FilingSchema = z.object({
  dueAt: z.string().nullable(),
  /** The deadline's state: OPEN, MET, MISSED (filed late or never), CANCELLED; null before the month's cycle opened it. */
  deadline: z.enum(['OPEN', 'MET', 'MISSED', 'CANCELLED']).nullable(),
  filedAt: z.string().nullable(),
  late: z.boolean().nullable(),
  /** 0 none, 1 the group leader, 2 the leader in charge. */
  escalationLevel: z.number(),
});

/**
 * The plan as filed (Đ8.1: content, time, place): null before it is filed; time and place null on the plans filed
 * before both were required.
 */
const PlanFilingSchema = FilingSchema.extend({
  content: z.string().nullable(),
  /** The field trip's day, YYYY-MM-DD. */
  plannedFor: z.string().nullable(),
  place: z.string().nullable(),
});

const MonthSchema = z.object({ period: z.string(), plan: PlanFilingSchema, report: FilingSchema });
const MonthsSchema = z.object({
  assignmentId: z.string(),
  /**
   * For an assignment imported in force: the first month the system charges; the months before it are "before the
   * system", with no plan, report nor deadline. Null for an assignment that began in the system.
   */
  beforeTheSystemUntil: z.string().nullable(),
  months: z.array(MonthSchema),
});

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
