/**
 * Who the caller is (`GET /me`): their user, roles and official, with their open assignments and groups, or an area
 * committee's area.
 */
import type { PrismaClient } from '../../prisma/database';
import type { Principal } from '../auth/principal';
import {
  areaRefSelect,
  currentAssignment,
  currentAssignmentInclude,
  groupRefSelect,
  iso,
  officialSummary,
  officialSummarySelect,
} from './views';
import { membershipInForce } from './memberships';

export async function readMe(prisma: PrismaClient, who: Principal) {
  const now = new Date();
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: who.userId },
    select: {
      id: true,
      username: true,
      displayName: true,
      official: {
        select: {
          ...officialSummarySelect,
          email: true,
          assignments: {
            where: { state: { not: 'closed' } },
            orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }],
            select: {
              id: true,
              state: true,
              effectiveFrom: true,
              area: { select: areaRefSelect },
              group: { select: groupRefSelect },
            },
          },
          memberships: {
            where: membershipInForce(now),
            orderBy: { since: 'asc' },
            select: { isLeader: true, since: true, group: { select: groupRefSelect } },
          },
        },
      },
      area: { select: { ...areaRefSelect, assignments: currentAssignmentInclude } },
    },
  });
  const { official, area } = user;
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName },
    roles: who.actor.roles,
    actorId: who.actor.id,
    official: official && { ...officialSummary(official), email: official.email },
    assignments: (official?.assignments ?? []).map((a) => ({ ...a, effectiveFrom: iso(a.effectiveFrom) })),
    memberships: (official?.memberships ?? []).map((m) => ({ ...m, since: iso(m.since) })),
    area: area && {
      id: area.id,
      code: area.code,
      name: area.name,
      kind: area.kind,
      currentAssignment: currentAssignment(area.assignments),
    },
  };
}
