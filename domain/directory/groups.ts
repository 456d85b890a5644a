/** The monitoring groups: their leader, members (current and former) and the areas they monitor now. */
import type { PrismaClient } from '../../prisma/database';
import {
  APPROVED,
  areaRefSelect,
  assignmentSummary,
  assignmentSummarySelect,
  groupRefSelect,
  IN_EFFECT,
  officialSummarySelect,
} from './views';
import { type PageRequest, pageArgs, toPage } from '../pagination';
import { datedMembership, isInForce, membershipInForce, startOfDayInVietnam } from './memberships';

export async function groupsPage(prisma: PrismaClient, query: PageRequest) {
  const now = new Date();
  const rows = await prisma.monitoringGroup.findMany({
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    ...pageArgs(query),
    select: {
      ...groupRefSelect,
      memberships: {
        where: membershipInForce(now),
        select: { isLeader: true, official: { select: officialSummarySelect } },
      },
      assignments: { where: IN_EFFECT, orderBy: { effectiveFrom: 'asc' }, select: { area: { select: areaRefSelect } } },
    },
  });
  return toPage(rows, query.limit, (g) => ({
    id: g.id,
    name: g.name,
    leader: g.memberships.find((m) => m.isLeader)?.official ?? null,
    memberCount: g.memberships.length,
    areas: g.assignments.map((a) => a.area),
  }));
}

/**
 * A group today, or as it stood on `asOf` (YYYY-MM-DD): its leader and members that day, those who had left by then,
 * and the assignments in effect that day (approved, begun, not yet closed). Memberships begun later are not shown.
 */
export async function groupDetail(prisma: PrismaClient, id: string, asOf?: string) {
  const now = asOf ? new Date(`${asOf}T00:00:00.000Z`) : new Date();
  const group = await prisma.monitoringGroup.findUnique({
    where: { id },
    select: {
      ...groupRefSelect,
      memberships: {
        where: { since: { lte: startOfDayInVietnam(now) } },
        orderBy: [{ isLeader: 'desc' }, { since: 'asc' }, { id: 'asc' }],
        select: { isLeader: true, since: true, until: true, official: { select: officialSummarySelect } },
      },
      assignments: {
        where: asOf
          ? {
              ...APPROVED,
              effectiveFrom: { lte: now },
              OR: [{ closedAt: null }, { closedAt: { gt: now } }],
            }
          : IN_EFFECT,
        orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }],
        select: assignmentSummarySelect,
      },
    },
  });
  if (!group) return null;
  const inForce = isInForce(now);
  const members = group.memberships.filter(inForce);
  return {
    id: group.id,
    name: group.name,
    leader: members.find((m) => m.isLeader)?.official ?? null,
    members: members.map(datedMembership),
    formerMembers: group.memberships.filter((m) => !inForce(m)).map(datedMembership),
    assignments: group.assignments.map(assignmentSummary),
  };
}
