/**
 * Which assignments a dashboard list covers: those the query's filters name, and for a department head only their
 * own department's officials. Board leadership and the auditor see the whole Board.
 */
import type { Actor } from '../../machines/actor';
import type { Prisma, PrismaClient } from '../../prisma/database';
import { departmentScopeOf } from '../department-scope';
import { programmeFilter } from '../programmes/reads';
import { Refusal } from '../refusal';

export type DashboardScope = Prisma.AssignmentWhereInput;

/** The assignments a query names; a department head's own department is implied (another one is refused). */
export interface ScopeQuery {
  areaId?: string | undefined;
  officialId?: string | undefined;
  departmentId?: string | undefined;
  /** The programme the assignments belong to; an unknown one is a 404 naming the field. */
  programmeId?: string | undefined;
}

export async function dashboardScope(prisma: PrismaClient, actor: Actor, query: ScopeQuery): Promise<DashboardScope> {
  let departmentId = query.departmentId;
  const scope = await departmentScopeOf(prisma, actor);
  if (!scope.boardWide) {
    // A department head: their own department's officials, and only those (the same scope as their writes).
    const own = scope.departmentId;
    if (!own)
      throw new Refusal(
        403,
        'FORBIDDEN',
        'A department head sees the officials of their own department; you have none',
      );
    if (departmentId && departmentId !== own) {
      throw new Refusal(403, 'FORBIDDEN', "A department head sees their own department's officials only", {
        departmentId: own,
      });
    }
    departmentId = own;
  }
  const programmeId = query.programmeId && (await programmeFilter(prisma, query.programmeId));
  return {
    ...(programmeId && { programmeId }),
    ...(query.areaId && { areaId: query.areaId }),
    ...(query.officialId && { officialId: query.officialId }),
    ...(departmentId && { official: { departmentId } }),
  };
}
