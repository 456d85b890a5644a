/**
 * The annual evaluations of a year, rated or not, with the proposed rating and leadership's rating: what leadership
 * and the auditor read of them (machines/access.ts, evaluationVisibility 'full'), never the committee's written texts.
 * The list the evaluations export and the year's summary are both made from.
 */
import type { PrismaClient } from '../../prisma/database';
import { namesOn } from '../areas-history/reads';
import { iso, isoOrNull } from '../directory/views';
import { subjectSelect } from '../dashboard/subject';
import type { DashboardScope } from '../dashboard/scope';
import { type PageRequest, pageArgs, toPage } from '../pagination';

export async function yearEvaluationsPage(
  prisma: PrismaClient,
  scope: DashboardScope,
  query: PageRequest & { year: number },
) {
  const rows = await prisma.annualEvaluation.findMany({
    where: { year: query.year, assignment: scope },
    orderBy: [{ assignment: { area: { code: 'asc' } } }, { id: 'asc' }],
    ...pageArgs(query),
    select: {
      id: true,
      assignmentId: true,
      year: true,
      state: true,
      requestedAt: true,
      dueAt: true,
      receivedAt: true,
      proposedRating: true,
      rating: true,
      ratedAt: true,
      assignment: { select: subjectSelect },
    },
  });
  // A year's evaluation is of the unit as it stood that year: its name on the last day of the year.
  const yearEnd = `${query.year}-12-31`;
  const names = await namesOn(
    prisma,
    rows.map((r) => ({ areaId: r.assignment.area.id, day: yearEnd })),
  );
  return toPage(rows, query.limit, ({ assignment, ...e }) => ({
    ...e,
    requestedAt: iso(e.requestedAt),
    dueAt: iso(e.dueAt),
    receivedAt: isoOrNull(e.receivedAt),
    ratedAt: isoOrNull(e.ratedAt),
    ...assignment,
    area: { ...assignment.area, name: names.get(`${assignment.area.id}|${yearEnd}`) ?? assignment.area.name },
  }));
}

export type YearEvaluation = Awaited<ReturnType<typeof yearEvaluationsPage>>['items'][number];
