/**
 * An assignment's months as the monthly cycles recorded them: each month's plan and report with its deadline, filing
 * and lateness, newest first. The deadlines and their standing are Board staff's; the plans' content, day and place
 * are for the readers of plans and reports (machines/access.ts: filingVisibility), and the route audits that read.
 */
import type { Filing, Months } from '../../contracts/months';
import { type FilingReader, filingVisibility } from '../../machines/access';
import { policyInForce } from '../programmes/reads';
import type { PrismaClient } from '../../prisma/database';
import { notFound } from '../refusal';

export type { Filing, PlanFiling } from '../../contracts/months';
/** An assignment's months, as `GET /assignments/:id/months` answers them. */
export type AssignmentMonths = Months;

const SUBJECT = { plan: 'MONTHLY_PLAN', report: 'MONTHLY_REPORT' } as const;

/**
 * The months of assignment `id` between `from` and `to` (YYYY-MM, both optional), as `reader` sees them; 404 for an
 * unknown assignment. `plansRead` names the plans whose content the answer shows (`<assignmentId>/<period>`), for the
 * audit of that read: empty when the reader does not read plans.
 */
export async function assignmentMonths(
  prisma: PrismaClient,
  reader: FilingReader,
  id: string,
  { from, to }: { from?: string | undefined; to?: string | undefined },
): Promise<{ view: AssignmentMonths; plansRead: string[] }> {
  const assignment = await prisma.assignment.findUnique({
    where: { id },
    select: { officialId: true, groupId: true },
  });
  if (!assignment) throw notFound('assignment', id);
  const { policy } = await policyInForce(prisma);
  const readsPlans =
    filingVisibility(reader, { ...assignment, filedById: null, sensitive: false }, policy.reports) === 'full';
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
  const firstMonth = (imported?.payload as { firstMonth?: string } | null | undefined)?.firstMonth ?? null;
  const periods = [
    ...new Set([...deadlines.map((d) => d.reference), ...plans.map((p) => p.period), ...reports.map((r) => r.period)]),
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
  const view: AssignmentMonths = {
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
  return { view, plansRead: readsPlans ? plans.map((p) => `${id}/${p.period}`) : [] };
}
