import { deadlineParties, type DeadlineParties } from '../domain/parties';
import type { ActivityDeps } from './deps';

/** The people a deadline escalates to and who may file, as the records say today. */
export function loadAssignmentParties(deps: ActivityDeps) {
  return (args: { officialId: string; groupId?: string | undefined; areaId: string }): Promise<DeadlineParties> =>
    deadlineParties(deps.db.prisma, args);
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
