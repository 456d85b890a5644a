/**
 * The group's own sessions (Đ7.B.2 'Trưởng nhóm chủ trì sinh hoạt nhóm'; seed 002: quarterly experience-sharing) as
 * recorded, the quarters its watch flagged without one, and each group's standing this quarter.
 */
import { dayOf } from '../../machines/calendar';
import { quarterOf } from '../../machines/meeting-policy';
import { policyInForce } from '../programmes/reads';
import type { PrismaClient } from '../../prisma/database';

export interface GroupSessionRow {
  id: string;
  groupId: string;
  heldOn: string;
  quarter: string;
  presentIds: string;
  matters: string;
  conclusions: string;
  tasks: string;
  recordedById: string;
  recordedAt: Date;
}

/** A session as answered: its lists parsed, its instant in ISO. */
export function presentSession(row: GroupSessionRow) {
  return {
    ...row,
    presentIds: JSON.parse(row.presentIds) as string[],
    tasks: JSON.parse(row.tasks) as { officialId: string; task: string }[],
    recordedAt: row.recordedAt.toISOString(),
  };
}

export async function groupExists(prisma: PrismaClient, groupId: string): Promise<boolean> {
  return (await prisma.monitoringGroup.findUnique({ where: { id: groupId }, select: { id: true } })) !== null;
}

/** The group's current members, its leader marked. */
export function groupMembers(prisma: PrismaClient, groupId: string) {
  return prisma.groupMembership.findMany({
    where: { groupId, until: null },
    select: { officialId: true, isLeader: true },
  });
}

export async function groupSession(prisma: PrismaClient, id: string) {
  return presentSession(await prisma.groupSession.findUniqueOrThrow({ where: { id } }));
}

/** The group's sessions, newest first, and its quarters flagged without one. */
export async function groupSessions(prisma: PrismaClient, groupId: string) {
  const [rows, flags] = await Promise.all([
    prisma.groupSession.findMany({ where: { groupId }, orderBy: [{ heldOn: 'desc' }, { id: 'asc' }], take: 100 }),
    prisma.groupQuarterFlag.findMany({ where: { groupId }, orderBy: { quarter: 'desc' } }),
  ]);
  return {
    items: rows.map(presentSession),
    flaggedQuarters: flags.map((f) => ({ quarter: f.quarter, flaggedAt: f.flaggedAt.toISOString() })),
  };
}

/** Each group's sessions this quarter beside the policy's minimum, its last session, and its quarters flagged. */
export async function groupSessionsDashboard(
  prisma: PrismaClient,
  now: number = Date.now(),
  programmeId?: string | undefined,
) {
  const quarter = quarterOf(dayOf(now));
  const [groups, flags] = await Promise.all([
    prisma.monitoringGroup.findMany({
      // With a programme: the groups that monitor an area under one of its assignments not closed.
      ...(programmeId && { where: { assignments: { some: { programmeId, closedAt: null } } } }),
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        memberships: { where: { until: null, isLeader: true }, select: { officialId: true } },
      },
    }),
    prisma.groupQuarterFlag.findMany({ orderBy: [{ quarter: 'desc' }, { groupId: 'asc' }] }),
  ]);
  const sessions = await prisma.groupSession.findMany({ select: { groupId: true, heldOn: true, quarter: true } });
  return {
    quarter,
    minimumPerQuarter: (await policyInForce(prisma, programmeId, dayOf(now))).policy.meetings.groupSessions
      .minimumPerQuarter,
    groups: groups.map((g) => {
      const own = sessions.filter((s) => s.groupId === g.id);
      return {
        groupId: g.id,
        name: g.name,
        leaderId: g.memberships[0]?.officialId ?? null,
        sessionsThisQuarter: own.filter((s) => s.quarter === quarter).length,
        lastSessionOn:
          own
            .map((s) => s.heldOn)
            .sort()
            .at(-1) ?? null,
        flaggedQuarters: flags.filter((f) => f.groupId === g.id).map((f) => f.quarter),
      };
    }),
  };
}
