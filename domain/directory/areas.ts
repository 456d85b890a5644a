/** The monitored areas, each with its leader in charge and the assignment in effect (who monitors it). */
import type { AreaKind, Prisma, PrismaClient } from '../../prisma/database';
import {
  APPROVED,
  areaRefSelect,
  assignmentSummary,
  assignmentSummarySelect,
  currentAssignment,
  currentAssignmentInclude,
  officialSummarySelect,
} from './views';
import { type PageRequest, pageArgs, toPage } from '../pagination';
import { idsMatching } from './name-search';

export interface AreasQuery extends PageRequest {
  kind?: AreaKind | undefined;
  parentId?: string | undefined;
  /** Part of the area's name or code. */
  q?: string | undefined;
}

export async function areasPage(prisma: PrismaClient, { kind, parentId, q, ...page }: AreasQuery) {
  const where: Prisma.AreaWhereInput = { ...(kind && { kind }), ...(parentId && { parentId }) };
  if (q) {
    const names = await prisma.area.findMany({ where, select: { id: true, code: true, name: true } });
    where.id = { in: idsMatching(q, names, (a) => [a.name, a.code]) };
  }
  const rows = await prisma.area.findMany({
    where,
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
    ...pageArgs(page),
    select: {
      ...areaRefSelect,
      parentId: true,
      leaderInCharge: { select: officialSummarySelect },
      assignments: currentAssignmentInclude,
    },
  });
  return toPage(rows, page.limit, ({ assignments, ...area }) => ({
    ...area,
    currentAssignment: currentAssignment(assignments),
  }));
}

/** An area with its parent and children, its approved assignments (newest first) and the proposals awaiting approval. */
export async function areaDetail(prisma: PrismaClient, id: string) {
  const area = await prisma.area.findUnique({
    where: { id },
    select: {
      ...areaRefSelect,
      parentId: true,
      parent: { select: areaRefSelect },
      children: { orderBy: { code: 'asc' }, select: areaRefSelect },
      leaderInCharge: { select: officialSummarySelect },
      assignments: currentAssignmentInclude,
    },
  });
  if (!area) return null;
  const [history, pending] = await Promise.all([
    prisma.assignment.findMany({
      where: { areaId: id, ...APPROVED },
      orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }],
      select: assignmentSummarySelect,
    }),
    prisma.assignment.findMany({
      where: { areaId: id, state: 'awaitingApproval' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: assignmentSummarySelect,
    }),
  ]);
  const { assignments, ...rest } = area;
  return {
    ...rest,
    currentAssignment: currentAssignment(assignments),
    history: history.map(assignmentSummary),
    pendingProposals: pending.map(assignmentSummary),
  };
}
