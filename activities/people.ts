import type { ActivityDeps } from './deps';

export interface AssignmentParties {
  /** Who may file for the area: the official and the current members of their group. */
  filerIds: string[];
  /** The group leader; the official themself when they lead, or work alone. */
  groupLeaderId: string;
  leaderInChargeId: string | undefined;
  headOfBoardId: string | undefined;
}

/** The people a deadline escalates to and who may file, as the records say today. */
export function loadAssignmentParties(deps: ActivityDeps) {
  return async ({
    officialId,
    groupId,
    areaId,
  }: {
    officialId: string;
    groupId?: string | undefined;
    areaId: string;
  }): Promise<AssignmentParties> => {
    const prisma = deps.db.prisma;
    const [members, area, head] = await Promise.all([
      groupId
        ? prisma.groupMembership.findMany({
            where: { groupId, until: null },
            select: { officialId: true, isLeader: true },
            orderBy: { officialId: 'asc' },
          })
        : Promise.resolve([]),
      prisma.area.findUnique({ where: { id: areaId }, select: { leaderInChargeId: true } }),
      prisma.official.findFirst({
        where: { position: 'HEAD_OF_BOARD', active: true },
        select: { id: true },
        orderBy: { code: 'asc' },
      }),
    ]);
    const leader = members.find((m) => m.isLeader)?.officialId ?? officialId;
    return {
      filerIds: [...new Set([officialId, ...members.map((m) => m.officialId)])],
      groupLeaderId: leader,
      leaderInChargeId: area?.leaderInChargeId ?? undefined,
      headOfBoardId: head?.id,
    };
  };
}

/**
 * A successor to suggest for an area: an active specialist or department official who has never
 * monitored it and carries the fewest current assignments. Leadership may name someone else.
 */
export function suggestSuccessor(deps: ActivityDeps) {
  return async ({
    areaId,
    excludeOfficialIds,
  }: {
    areaId: string;
    excludeOfficialIds: string[];
  }): Promise<string | null> => {
    const candidates = await deps.db.prisma.official.findMany({
      where: {
        active: true,
        position: { in: ['SPECIALIST', 'DEPUTY_DEPARTMENT_HEAD', 'DEPARTMENT_HEAD'] },
        id: { notIn: excludeOfficialIds },
        assignments: { none: { areaId } },
      },
      select: { id: true, code: true, _count: { select: { assignments: { where: { closedAt: null } } } } },
      orderBy: { code: 'asc' },
    });
    candidates.sort((a, b) => a._count.assignments - b._count.assignments || a.code.localeCompare(b.code));
    return candidates[0]?.id ?? null;
  };
}
