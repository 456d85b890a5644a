/** Annual evaluations requested by `asOf` and not yet rated, by the area committee's due date, with who acts next. */
import type { Prisma, PrismaClient } from '../../prisma/database';
import { namesOn } from '../areas-history/reads';
import { iso, isoOrNull } from '../directory/views';
import { type PageRequest, pageArgs, toPage } from '../pagination';
import { subjectSelect } from './subject';
import type { DashboardScope } from './scope';

const outstandingWhere = (scope: DashboardScope, asOf: Date, year?: number): Prisma.AnnualEvaluationWhereInput => ({
  rating: null,
  requestedAt: { lte: asOf },
  ...(year && { year }),
  assignment: scope,
});

export async function outstandingEvaluationsPage(
  prisma: PrismaClient,
  scope: DashboardScope,
  asOf: Date,
  query: PageRequest & { year?: number | undefined },
) {
  const rows = await prisma.annualEvaluation.findMany({
    where: outstandingWhere(scope, asOf, query.year),
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    ...pageArgs(query),
    select: {
      id: true,
      assignmentId: true,
      year: true,
      state: true,
      requestedAt: true,
      dueAt: true,
      receivedAt: true,
      assignment: { select: subjectSelect },
    },
  });
  // A year's evaluation is of the unit as it stood that year: its name on the last day of the year.
  const yearEnd = (year: number) => `${year}-12-31`;
  const names = await namesOn(
    prisma,
    rows.map((r) => ({ areaId: r.assignment.area.id, day: yearEnd(r.year) })),
  );
  return toPage(rows, query.limit, ({ assignment, ...e }) => {
    const waitingFor = e.state.startsWith('requested')
      ? 'AREA_COMMITTEE'
      : e.state === 'areaEvaluationReceived'
        ? 'GROUP_LEADER'
        : 'BOARD_LEADERSHIP';
    return {
      ...e,
      waitingFor,
      requestedAt: iso(e.requestedAt),
      dueAt: iso(e.dueAt),
      receivedAt: isoOrNull(e.receivedAt),
      overdue: waitingFor === 'AREA_COMMITTEE' && e.dueAt < asOf,
      ...assignment,
      area: { ...assignment.area, name: names.get(`${assignment.area.id}|${yearEnd(e.year)}`)! },
    } as const;
  });
}

export const countOutstandingEvaluations = (prisma: PrismaClient, scope: DashboardScope, asOf: Date): Promise<number> =>
  prisma.annualEvaluation.count({ where: outstandingWhere(scope, asOf) });
