import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DEFAULT_POLICY } from '../../machines/policy';
import { auditConfidentialRead } from '../audited-read';
import { principal, STAFF_ROLES } from '../auth/plugin';
import { filingReader } from '../../domain/parties';
import { filingVisibility } from '../../machines/access';
import { notFound } from '../errors';
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
   * For an assignment imported in force (issue 11, point 11): the first month the system charges; the months before it
   * are "before the system", with no plan, report nor deadline. Null for an assignment that began in the system.
   */
  beforeTheSystemUntil: z.string().nullable(),
  months: z.array(MonthSchema),
});
type Filing = z.infer<typeof FilingSchema>;

const SUBJECT = { plan: 'MONTHLY_PLAN', report: 'MONTHLY_REPORT' } as const;

/**
 * `GET /assignments/:id/months`: each month's plan and report with its deadline, filing and lateness (the plan with
 * its content, day and place), newest first,
 * from the records the monthly cycles wrote. Filings are work records, not personnel details: Board staff read them.
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
      const { id } = request.params;
      const { from, to } = request.query;
      const assignment = await prisma.assignment.findUnique({
        where: { id },
        select: { officialId: true, groupId: true },
      });
      if (!assignment) throw notFound('assignment', id);
      // The plans' content, day and place are for the readers of plans and reports (issue 13: api/confidentiality.ts,
      // filingVisibility), and reading them is audited; the deadlines and their standing stay Board staff's.
      const reader = await filingReader(prisma, principal(request).actor);
      const readsPlans =
        filingVisibility(reader, { ...assignment, filedById: null, sensitive: false }, DEFAULT_POLICY.reports) ===
        'full';
      const period = { ...(from && { gte: from }), ...(to && { lte: to }) };
      const [deadlines, plans, reports, imported] = await Promise.all([
        prisma.deadline.findMany({
          where: { assignmentId: id, subject: { in: Object.values(SUBJECT) }, reference: period },
        }),
        prisma.monthlyPlan.findMany({
          where: { assignmentId: id, period },
          select: { period: true, filedAt: true, late: true, content: true, plannedFor: true, place: true },
        }),
        prisma.monthlyReport.findMany({
          where: { assignmentId: id, period },
          select: { period: true, filedAt: true, late: true },
        }),
        prisma.auditEvent.findFirst({
          where: { assignmentId: id, action: 'ASSIGNMENT_IMPORTED' },
          select: { payload: true },
        }),
      ]);
      if (readsPlans && plans.length > 0) {
        await auditConfidentialRead({ prisma, provider }, request, {
          entityType: 'MonthlyPlan',
          entityId: id,
          assignmentId: id,
          ids: plans.map((p) => `${id}/${p.period}`),
        });
      }
      const firstMonth = (imported?.payload as { firstMonth?: string } | null | undefined)?.firstMonth ?? null;
      const periods = [
        ...new Set([
          ...deadlines.map((d) => d.reference),
          ...plans.map((p) => p.period),
          ...reports.map((r) => r.period),
        ]),
      ]
        .sort()
        .reverse();
      const filing = (
        item: keyof typeof SUBJECT,
        month: string,
        filed: { filedAt: Date; late: boolean } | undefined,
      ): Filing => {
        const deadline = deadlines.find((d) => d.subject === SUBJECT[item] && d.reference === month);
        return {
          dueAt: deadline?.dueAt.toISOString() ?? null,
          deadline: deadline?.status ?? null,
          filedAt: filed?.filedAt.toISOString() ?? null,
          late: filed ? filed.late : null,
          escalationLevel: deadline?.escalationLevel ?? 0,
        };
      };
      return {
        assignmentId: id,
        beforeTheSystemUntil: firstMonth,
        months: periods.map((month) => {
          const filed = plans.find((p) => p.period === month);
          const plan = filed && (readsPlans ? filed : { ...filed, content: null, plannedFor: null, place: null });
          return {
            period: month,
            plan: {
              ...filing('plan', month, plan),
              content: plan?.content ?? null,
              plannedFor: plan?.plannedFor?.toISOString().slice(0, 10) ?? null,
              place: plan?.place ?? null,
            },
            report: filing(
              'report',
              month,
              reports.find((r) => r.period === month),
            ),
          };
        }),
      };
    },
  );
};
