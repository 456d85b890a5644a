/**
 * The organisation on a day: Board leadership with the Head of Board and what each is in charge of; and its gaps
 * today (areas without a leader in charge, groups without a leader, assignments of officials who have left), for the
 * administrator and leadership to fill.
 */
import type { PrismaClient } from '../../prisma/database';
import { areaRefSelect, departmentRefSelect, groupRefSelect, officialSummarySelect } from '../directory/views';
import { LEADERSHIP_POSITIONS } from './leaders-in-charge';
import { dayDate, dayOrNull, dayText, inForceOn, periodInForce, servingOn } from './periods';

/** Board leadership on `asOf`: who held the Head's and the Deputy Heads' posts, and what each was in charge of. */
export async function leadershipAsOf(prisma: PrismaClient, asOf: string) {
  const on = dayDate(asOf);
  const officials = await prisma.official.findMany({
    where: {
      OR: [
        { posts: { some: { position: { in: [...LEADERSHIP_POSITIONS] }, ...periodInForce(on) } } },
        { posts: { none: {} }, position: { in: [...LEADERSHIP_POSITIONS] } },
      ],
    },
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
    select: {
      ...officialSummarySelect,
      activeFrom: true,
      activeUntil: true,
      posts: { select: { position: true, from: true, until: true } },
      inCharge: {
        where: periodInForce(on),
        select: { area: { select: areaRefSelect }, department: { select: departmentRefSelect } },
      },
      areasInCharge: { where: { leadersInCharge: { none: {} } }, select: areaRefSelect },
    },
  });
  const members = officials.flatMap(({ posts, inCharge, areasInCharge, activeFrom, activeUntil, ...official }) => {
    if (!servingOn(on, { activeFrom, activeUntil })) return [];
    const post = posts.find(inForceOn(on));
    const position = post?.position ?? official.position;
    if (!(LEADERSHIP_POSITIONS as readonly string[]).includes(position)) return [];
    return [
      {
        official: { ...official, position },
        since: dayOrNull(post?.from ?? null),
        areas: [...inCharge.flatMap((p) => (p.area ? [p.area] : [])), ...areasInCharge],
        departments: inCharge.flatMap((p) => (p.department ? [p.department] : [])),
      },
    ];
  });
  return {
    asOf,
    headOfBoard: members.find((m) => m.official.position === 'HEAD_OF_BOARD')?.official ?? null,
    members,
  };
}

const GAPS_LISTED = 200;

/** What the organisation lacks today; each list is the first 200, with the full count. */
export async function organisationGaps(prisma: PrismaClient) {
  const leaderless = {
    memberships: { some: { until: null } },
    NOT: { memberships: { some: { until: null, isLeader: true } } },
  };
  const leftWhere = { state: { not: 'closed' }, official: { active: false } };
  const [areas, areaCount, groups, groupCount, assignments, assignmentCount] = await Promise.all([
    prisma.area.findMany({
      where: { leaderInChargeId: null },
      orderBy: [{ code: 'asc' }, { id: 'asc' }],
      take: GAPS_LISTED,
      select: areaRefSelect,
    }),
    prisma.area.count({ where: { leaderInChargeId: null } }),
    prisma.monitoringGroup.findMany({
      where: leaderless,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: GAPS_LISTED,
      select: { ...groupRefSelect, _count: { select: { memberships: { where: { until: null } } } } },
    }),
    prisma.monitoringGroup.count({ where: leaderless }),
    prisma.assignment.findMany({
      where: leftWhere,
      orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }],
      take: GAPS_LISTED,
      select: {
        id: true,
        state: true,
        area: { select: areaRefSelect },
        official: { select: { ...officialSummarySelect, activeUntil: true } },
      },
    }),
    prisma.assignment.count({ where: leftWhere }),
  ]);
  return {
    areasWithoutLeaderInCharge: { count: areaCount, items: areas },
    groupsWithoutLeader: {
      count: groupCount,
      items: groups.map(({ _count, ...g }) => ({ ...g, memberCount: _count.memberships })),
    },
    assignmentsOfOfficialsWhoLeft: {
      count: assignmentCount,
      items: assignments.map(({ official: { activeUntil, ...official }, ...a }) => ({
        ...a,
        official,
        leftOn: activeUntil ? dayText(activeUntil) : null,
      })),
    },
  };
}
