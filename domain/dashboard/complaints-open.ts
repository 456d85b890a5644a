/**
 * Complaints not yet closed, oldest first, with their verification deadline. As the complaint routes: never the
 * complaints about the caller themself, whatever their role (machines/access.ts).
 */
import type { Actor } from '../../machines/actor';
import type { Prisma, PrismaClient } from '../../prisma/database';
import { visibleComplaintsWhere } from '../../machines/access';
import { iso } from '../directory/views';
import { type PageRequest, pageArgs, toPage } from '../pagination';
import { subjectSelect } from './subject';
import type { DashboardScope } from './scope';

/** Complaint states with nothing left to do (complaint machine's final states). */
const COMPLAINT_CLOSED_STATES = ['verifiedUnfounded', 'actedOn'];

const openComplaintsWhere = (actor: Actor, scope: DashboardScope, asOf: Date): Prisma.ComplaintWhereInput => ({
  ...visibleComplaintsWhere(actor),
  state: { notIn: COMPLAINT_CLOSED_STATES },
  filedAt: { lte: asOf },
  assignment: scope,
});

export async function openComplaintsPage(
  prisma: PrismaClient,
  actor: Actor,
  scope: DashboardScope,
  asOf: Date,
  query: PageRequest,
) {
  const rows = await prisma.complaint.findMany({
    where: openComplaintsWhere(actor, scope, asOf),
    orderBy: [{ filedAt: 'asc' }, { id: 'asc' }],
    ...pageArgs(query),
    select: {
      id: true,
      assignmentId: true,
      state: true,
      filedAt: true,
      verificationDueAt: true,
      verification: { select: { id: true } },
      assignment: { select: subjectSelect },
    },
  });
  return toPage(rows, query.limit, ({ assignment, verification, ...c }) => ({
    ...c,
    filedAt: iso(c.filedAt),
    verificationDueAt: iso(c.verificationDueAt),
    verificationOverdue: !verification && c.verificationDueAt < asOf,
    ...assignment,
  }));
}

export const countOpenComplaints = (
  prisma: PrismaClient,
  actor: Actor,
  scope: DashboardScope,
  asOf: Date,
): Promise<number> => prisma.complaint.count({ where: openComplaintsWhere(actor, scope, asOf) });
