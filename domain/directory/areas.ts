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
import { namesOn } from '../areas-history/reads';
import { areaLineage, areaMapSelect, areasExistingOn, mapFields } from '../areas/reads';

export interface AreasQuery extends PageRequest {
  kind?: AreaKind | undefined;
  parentId?: string | undefined;
  /** Part of the area's name or code. */
  q?: string | undefined;
  /** The units in force that day, under that day's names. */
  asOf?: string | undefined;
}

export async function areasPage(prisma: PrismaClient, { kind, parentId, q, asOf, ...page }: AreasQuery) {
  const where: Prisma.AreaWhereInput = {
    ...(kind && { kind }),
    ...(parentId && { parentId }),
    ...(asOf && areasExistingOn(asOf)),
  };
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
      ...areaMapSelect,
      parentId: true,
      leaderInCharge: { select: officialSummarySelect },
      assignments: currentAssignmentInclude,
    },
  });
  const names = asOf
    ? await namesOn(
        prisma,
        rows.map((r) => ({ areaId: r.id, day: asOf })),
      )
    : new Map<string, string>();
  return toPage(rows, page.limit, ({ assignments, ...area }) => ({
    ...mapFields(area),
    name: names.get(`${area.id}|${asOf}`) ?? area.name,
    currentAssignment: currentAssignment(assignments),
  }));
}

/** An area with its parent and children, its approved assignments (newest first) and the proposals awaiting approval. */
export async function areaDetail(prisma: PrismaClient, id: string) {
  const area = await prisma.area.findUnique({
    where: { id },
    select: {
      ...areaRefSelect,
      ...areaMapSelect,
      parentId: true,
      parent: { select: areaRefSelect },
      children: { orderBy: { code: 'asc' }, select: areaRefSelect },
      leaderInCharge: { select: officialSummarySelect },
      assignments: currentAssignmentInclude,
    },
  });
  if (!area) return null;
  const [history, pending, lineage] = await Promise.all([
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
    areaLineage(prisma, id),
  ]);
  const { assignments, ...rest } = area;
  return {
    ...mapFields(rest),
    ...lineage,
    currentAssignment: currentAssignment(assignments),
    history: history.map(assignmentSummary),
    pendingProposals: pending.map(assignmentSummary),
  };
}
