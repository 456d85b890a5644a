/**
 * Serving assignments whose mandatory rotation falls by the horizon (also when already past: still undecided), or
 * that become eligible for rotation within the window. The dates are the assignment's own (`rotationEligibleAt`,
 * `rotationDueAt`), set by its workflow from the policy it started with (DEFAULT_POLICY: 3 and 5 years, Đ4.2), so
 * a policy change never misdates the assignments already running under the old one.
 */
import type { Prisma, PrismaClient } from '../../prisma/database';
import { dayOf } from '../../machines/calendar';
import { iso } from '../directory/views';
import { type PageRequest, pageArgs, toPage } from '../pagination';
import { daysBetween } from './clock';
import { subjectSelect } from './subject';
import type { DashboardScope } from './scope';

type Threshold = 'ELIGIBLE' | 'MANDATORY';

const rotationWhere = (
  scope: DashboardScope,
  asOf: Date,
  horizon: Date,
  threshold?: Threshold,
): Prisma.AssignmentWhereInput => {
  const mandatory: Prisma.AssignmentWhereInput = { rotationDueAt: { lte: horizon } };
  const eligible: Prisma.AssignmentWhereInput = {
    rotationEligibleAt: { gte: asOf, lte: horizon },
    rotationDueAt: { gt: horizon },
  };
  return {
    AND: [
      scope,
      { state: { startsWith: 'active.' } },
      threshold === 'MANDATORY' ? mandatory : threshold === 'ELIGIBLE' ? eligible : { OR: [mandatory, eligible] },
    ],
  };
};

export async function rotationsDuePage(
  prisma: PrismaClient,
  scope: DashboardScope,
  asOf: Date,
  horizon: Date,
  query: PageRequest,
) {
  // Ordered by the mandatory date: the mandatory ones (≤ horizon) come first, then the eligible ones, each by date.
  const rows = await prisma.assignment.findMany({
    where: rotationWhere(scope, asOf, horizon),
    orderBy: [{ rotationDueAt: 'asc' }, { id: 'asc' }],
    ...pageArgs(query),
    select: {
      id: true,
      state: true,
      effectiveFrom: true,
      rotationEligibleAt: true,
      rotationDueAt: true,
      approvals: {
        where: { status: 'PENDING' },
        orderBy: { createdAt: 'desc' },
        take: 1,
        select: { id: true, kind: true },
      },
      ...subjectSelect,
    },
  });
  return toPage(
    rows,
    query.limit,
    ({ id, state, effectiveFrom, rotationEligibleAt, rotationDueAt, approvals, ...subject }) => {
      const mandatory = rotationDueAt <= horizon;
      const date = mandatory ? rotationDueAt : rotationEligibleAt;
      return {
        assignmentId: id,
        state,
        threshold: mandatory ? 'MANDATORY' : 'ELIGIBLE',
        date: iso(date),
        years: Number(dayOf(date.getTime()).slice(0, 4)) - Number(dayOf(effectiveFrom.getTime()).slice(0, 4)),
        daysUntil: daysBetween(asOf, date),
        effectiveFrom: iso(effectiveFrom),
        pendingProposal: approvals[0] ?? null,
        ...subject,
      } as const;
    },
  );
}

export const countRotationsDue = (
  prisma: PrismaClient,
  scope: DashboardScope,
  asOf: Date,
  horizon: Date,
  threshold: Threshold,
): Promise<number> => prisma.assignment.count({ where: rotationWhere(scope, asOf, horizon, threshold) });
