/** The counts of the dashboard lists, for a home page: they name nobody. */
import type { Actor } from '../../machines/actor';
import type { PrismaClient } from '../../prisma/database';
import { iso } from '../directory/views';
import { countBoardReassignments } from './board-reassignments';
import { horizonOf } from './clock';
import { countOpenComplaints } from './complaints-open';
import { countOutstandingEvaluations } from './evaluations-outstanding';
import { countOverdue } from './overdue';
import { countRotationsDue } from './rotations-due';
import type { DashboardScope } from './scope';

export interface SummaryRequest {
  actor: Actor;
  scope: DashboardScope;
  asOf: Date;
  withinDays: number;
  /** Whether the caller has a part in complaints; their count is null otherwise. */
  seesComplaints: boolean;
}

export async function dashboardSummary(
  prisma: PrismaClient,
  { actor, scope, asOf, withinDays, seesComplaints }: SummaryRequest,
) {
  const horizon = horizonOf(asOf, withinDays);
  const [plans, reports, evaluations, eligible, mandatory, complaints, boardReassignments] = await Promise.all([
    countOverdue(prisma, scope, asOf, 'PLAN'),
    countOverdue(prisma, scope, asOf, 'REPORT'),
    countOutstandingEvaluations(prisma, scope, asOf),
    countRotationsDue(prisma, scope, asOf, horizon, 'ELIGIBLE'),
    countRotationsDue(prisma, scope, asOf, horizon, 'MANDATORY'),
    seesComplaints ? countOpenComplaints(prisma, actor, scope, asOf) : null,
    countBoardReassignments(prisma, scope, asOf),
  ]);
  return {
    asOf: iso(asOf),
    overdue: { plans, reports },
    evaluationsOutstanding: evaluations,
    rotationsDue: { withinDays, eligible, mandatory },
    complaintsOpen: complaints,
    boardReassignments,
  };
}
