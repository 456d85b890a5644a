/** Assignments as the records hold them: the stored row, the people a proposal names, the list and its search. */
import type { Prisma, PrismaClient } from '../../prisma/database';
import { type AssignmentStateFilter, assignmentSummary, assignmentSummarySelect, stateWhere } from '../directory/views';
import { type Page, pageArgs, type PageRequest, toPage } from '../pagination';
import { notFound, Refusal } from '../refusal';
import { textMatcher } from '../text-match';

/** Whether the assignment's workflow has written its row yet. */
export async function assignmentOnRecord(prisma: PrismaClient, assignmentId: string): Promise<boolean> {
  return !!(await prisma.assignment.findUnique({ where: { id: assignmentId }, select: { id: true } }));
}

/**
 * Refuses a proposal naming what does not exist: 404 for an unknown area, 400 for an official not active or an
 * unknown monitoring group, with the field at fault.
 */
export async function assertProposalNamesExist(
  prisma: PrismaClient,
  { areaId, officialId, groupId }: { areaId: string; officialId: string; groupId?: string | undefined },
): Promise<void> {
  const [area, official, group] = await Promise.all([
    prisma.area.findUnique({ where: { id: areaId }, select: { id: true } }),
    prisma.official.findUnique({ where: { id: officialId }, select: { id: true, active: true } }),
    groupId ? prisma.monitoringGroup.findUnique({ where: { id: groupId }, select: { id: true } }) : null,
  ]);
  if (!area) throw notFound('area', areaId);
  if (!official || !official.active)
    throw new Refusal(400, 'UNKNOWN_OFFICIAL', `No active official ${officialId}`, { path: 'officialId' });
  if (groupId && !group) throw new Refusal(400, 'UNKNOWN_GROUP', `No monitoring group ${groupId}`, { path: 'groupId' });
}

export interface AssignmentFilter extends PageRequest {
  officialId?: string | undefined;
  areaId?: string | undefined;
  /** A state of the assignment machine; `active` stands for serving, rotation eligible and rotation due. */
  state?: AssignmentStateFilter | undefined;
  /** Part of the area's or the official's name (or code); diacritics as typed, any case. */
  q?: string | undefined;
}

/** Every assignment, proposals and closed ones included, newest first. */
export async function assignmentsPage(
  prisma: PrismaClient,
  { officialId, areaId, state, q, ...page }: AssignmentFilter,
): Promise<Page<ReturnType<typeof assignmentSummary>>> {
  const where: Prisma.AssignmentWhereInput = {
    ...(officialId && { officialId }),
    ...(areaId && { areaId }),
    ...(state && stateWhere(state)),
  };
  if (q) {
    // Names are matched in process (domain/text-match.ts), over the two directory tables, then the assignments by id.
    const matches = textMatcher(q);
    const [areas, officials] = await Promise.all([
      prisma.area.findMany({ select: { id: true, code: true, name: true } }),
      prisma.official.findMany({ select: { id: true, code: true, fullName: true } }),
    ]);
    where.AND = {
      OR: [
        { areaId: { in: areas.filter((a) => matches(a.name, a.code)).map((a) => a.id) } },
        { officialId: { in: officials.filter((o) => matches(o.fullName, o.code)).map((o) => o.id) } },
      ],
    };
  }
  const rows = await prisma.assignment.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageArgs(page),
    select: assignmentSummarySelect,
  });
  return toPage(rows, page.limit, assignmentSummary);
}
