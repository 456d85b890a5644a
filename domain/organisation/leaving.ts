/**
 * An official leaves the Board from a day (retirement, transfer, resignation). What is theirs to end ends that day:
 * their post, their group memberships, their periods in charge of areas and departments. What is leadership's to decide
 * is proposed, not done: each of their assignments in force gets a position-change ground through its workflow (the
 * edge sends it, api/organisation/leaving.ts), and the answer lists the areas left without a leader in charge and the
 * groups left without a leader, which GET /organisation/gaps keeps listing until someone is named.
 * Recording the same day again changes nothing and answers the same.
 */
import type { Caller } from '../caller';
import { areaRefSelect, departmentRefSelect, groupRefSelect, officialSummarySelect } from '../directory/views';
import { notFound } from '../refusal';
import { type Db, recordChange } from './audit';
import { dayDate, dayText, refuseFutureDay, ruleViolated } from './periods';

export interface Leaving {
  on: string;
  note: string;
}

export async function recordLeaving(db: Db, caller: Caller, officialId: string, { on, note }: Leaving) {
  refuseFutureDay(on, 'on');
  const day = dayDate(on);
  const official = await db.prisma.official.findUnique({
    where: { id: officialId },
    select: { id: true, activeFrom: true, activeUntil: true },
  });
  if (!official) throw notFound('official', officialId);
  if (official.activeUntil) {
    if (official.activeUntil.getTime() === day.getTime()) return consequences(db, officialId, day);
    throw ruleViolated('ALREADY_LEFT', `Official ${officialId} left the Board on ${dayText(official.activeUntil)}`);
  }
  if (official.activeFrom && official.activeFrom >= day)
    throw ruleViolated('EMPTY_PERIOD', `Official ${officialId} began on ${dayText(official.activeFrom)}`, {
      field: 'on',
    });
  const [memberships, inCharge, posts, legacyAreas] = await Promise.all([
    db.prisma.groupMembership.findMany({ where: { officialId, until: null }, select: { id: true, since: true } }),
    db.prisma.leaderInCharge.findMany({ where: { officialId, until: null }, select: { id: true, from: true } }),
    db.prisma.officialPost.findMany({ where: { officialId, until: null }, select: { id: true, from: true } }),
    // Areas in their charge from before the periods were kept: their period goes on record, ending that day.
    db.prisma.area.findMany({
      where: { leaderInChargeId: officialId, leadersInCharge: { none: {} } },
      select: { id: true },
    }),
  ]);
  const later = [...memberships.map((m) => m.since), ...inCharge.map((p) => p.from), ...posts.map((p) => p.from)].find(
    (from) => from && from >= day,
  );
  if (later)
    throw ruleViolated(
      'RECORDS_AFTER_LEAVING',
      `Official ${officialId} has a post, membership or charge beginning on ${dayText(later)}, on or after ${on}`,
      { field: 'on' },
    );
  await recordChange(
    db,
    caller,
    {
      changeId: `${officialId}:${on}`,
      action: 'OFFICIAL_LEFT',
      entityType: 'Official',
      entityId: officialId,
      payload: { on, note },
    },
    async (tx) => {
      await tx.official.update({ where: { id: officialId }, data: { active: false, activeUntil: day } });
      await tx.officialPost.updateMany({ where: { officialId, until: null }, data: { until: day } });
      await tx.groupMembership.updateMany({ where: { officialId, until: null }, data: { until: day } });
      await tx.leaderInCharge.createMany({
        data: legacyAreas.map((a) => ({ areaId: a.id, officialId, from: null, until: day })),
      });
      await tx.leaderInCharge.updateMany({ where: { officialId, until: null }, data: { until: day } });
      await tx.area.updateMany({ where: { leaderInChargeId: officialId }, data: { leaderInChargeId: null } });
    },
  );
  return consequences(db, officialId, day);
}

/** What ended with the official's leaving on `day`, read back from the records (the same on a repeated request). */
async function consequences(db: Db, officialId: string, day: Date) {
  const [official, memberships, inCharge, assignments] = await Promise.all([
    db.prisma.official.findUniqueOrThrow({
      where: { id: officialId },
      select: { ...officialSummarySelect, user: { select: { id: true, username: true, active: true } } },
    }),
    db.prisma.groupMembership.findMany({
      where: { officialId, until: day },
      orderBy: { groupId: 'asc' },
      select: { isLeader: true, group: { select: groupRefSelect } },
    }),
    db.prisma.leaderInCharge.findMany({
      where: { officialId, until: day },
      select: { area: { select: areaRefSelect }, department: { select: departmentRefSelect } },
    }),
    db.prisma.assignment.findMany({
      where: { officialId, state: { not: 'closed' } },
      orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }],
      select: { id: true, state: true, area: { select: areaRefSelect } },
    }),
  ]);
  const { user, ...summary } = official;
  return {
    official: summary,
    leftOn: dayText(day),
    /** Their account stays as it is: closing it is the accounts' route, named here so it is not forgotten. */
    account: user,
    assignments,
    membershipsEnded: memberships.map((m) => ({ group: m.group, wasLeader: m.isLeader })),
    groupsWithoutLeader: memberships.filter((m) => m.isLeader).map((m) => m.group),
    areasWithoutLeaderInCharge: inCharge.flatMap((p) => (p.area ? [p.area] : [])),
    departmentsWithoutLeaderInCharge: inCharge.flatMap((p) => (p.department ? [p.department] : [])),
  };
}
export type LeavingConsequences = Awaited<ReturnType<typeof consequences>>;
