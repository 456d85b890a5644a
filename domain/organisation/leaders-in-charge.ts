/**
 * Which member of Board leadership is in charge of an area or a department (Đ2.5, Đ4.1), from a day. Board leadership
 * divides this work among themselves: the route is theirs, not the administrator's. The one in charge must hold a
 * leadership post (Head or Deputy Head of Board) on that day. The period in force ends that day and the new one
 * begins; `Area.leaderInChargeId` follows, since the escalations and notices read it. An area in charge of someone
 * before the periods were kept gets that period on record first, "since before the records".
 */
import type { Tx } from '../audit/log';
import type { Caller } from '../caller';
import { officialSummarySelect } from '../directory/views';
import { notFound } from '../refusal';
import { type Db, recordChange } from './audit';
import { dayDate, dayOrNull, dayText, inForceOn, refuseFutureDay, ruleViolated } from './periods';

export const LEADERSHIP_POSITIONS = ['HEAD_OF_BOARD', 'DEPUTY_HEAD'] as const;

export type InChargeOf = { kind: 'area'; id: string } | { kind: 'department'; id: string };

/** The column naming the area or the department, for a filter or a new row alike. */
export const subjectKey = (of: InChargeOf): { areaId: string } | { departmentId: string } =>
  of.kind === 'area' ? { areaId: of.id } : { departmentId: of.id };

async function subjectOf(db: Db, of: InChargeOf) {
  if (of.kind === 'area') {
    const area = await db.prisma.area.findUnique({
      where: { id: of.id },
      select: { id: true, code: true, name: true, leaderInChargeId: true },
    });
    if (!area) throw notFound('area', of.id);
    return area;
  }
  const department = await db.prisma.department.findUnique({
    where: { id: of.id },
    select: { id: true, code: true, name: true },
  });
  if (!department) throw notFound('department', of.id);
  return { ...department, leaderInChargeId: null };
}

/** Whether an official held a leadership post on the day: their post then, or their position when no post is kept. */
export function leadsOn(
  on: Date,
  posts: { position: string; from: Date | null; until: Date | null }[],
  position: string,
): boolean {
  const postOnDay = posts.find(inForceOn(on))?.position ?? (posts.length === 0 ? position : null);
  return !!postOnDay && (LEADERSHIP_POSITIONS as readonly string[]).includes(postOnDay);
}

/** What is on record before a change: the open period, or the area's leader in charge from before the periods. */
export interface InChargeBefore {
  current: { id: string; from: Date | null } | undefined;
  legacyLeaderId: string | null;
}

/**
 * The change itself, inside the caller's transaction: the open period ends on `from` (or is corrected when it began
 * that very day) and the new one begins; an area's `leaderInChargeId` follows.
 */
export async function writeLeaderInCharge(
  tx: Tx,
  of: InChargeOf,
  { current, legacyLeaderId }: InChargeBefore,
  leaderId: string,
  from: Date,
): Promise<void> {
  if (current && current.from?.getTime() === from.getTime())
    await tx.leaderInCharge.update({ where: { id: current.id }, data: { officialId: leaderId } });
  else {
    if (current) await tx.leaderInCharge.update({ where: { id: current.id }, data: { until: from } });
    else if (legacyLeaderId)
      await tx.leaderInCharge.create({
        data: { ...subjectKey(of), officialId: legacyLeaderId, from: null, until: from },
      });
    await tx.leaderInCharge.create({ data: { ...subjectKey(of), officialId: leaderId, from } });
  }
  if (of.kind === 'area') await tx.area.update({ where: { id: of.id }, data: { leaderInChargeId: leaderId } });
}

export interface LeaderInChargeChange {
  officialId: string;
  from: string;
  note: string;
}

export async function setLeaderInCharge(
  db: Db,
  caller: Caller,
  changeId: string,
  of: InChargeOf,
  change: LeaderInChargeChange,
) {
  refuseFutureDay(change.from, 'from');
  const subject = await subjectOf(db, of);
  const from = dayDate(change.from);
  const leader = await db.prisma.official.findUnique({
    where: { id: change.officialId },
    select: { id: true, active: true, position: true },
  });
  if (!leader) throw ruleViolated('UNKNOWN_OFFICIAL', `No official ${change.officialId}`, { field: 'officialId' });
  if (!leader.active) throw ruleViolated('OFFICIAL_NOT_ACTIVE', `Official ${leader.id} has left the Board`);
  const leaderPosts = await db.prisma.officialPost.findMany({
    where: { officialId: leader.id },
    select: { position: true, from: true, until: true },
  });
  if (!leadsOn(from, leaderPosts, leader.position))
    throw ruleViolated(
      'LEADER_NOT_LEADERSHIP',
      `Official ${leader.id} is not a member of Board leadership on ${change.from}: the leader in charge is the Head or a Deputy Head of Board`,
      { field: 'officialId' },
    );
  const periods = await db.prisma.leaderInCharge.findMany({
    where: { ...subjectKey(of), until: null },
    select: { id: true, officialId: true, from: true },
  });
  const current = periods[0];
  if (current?.from && current.from > from)
    throw ruleViolated(
      'CHANGE_BEFORE_CURRENT',
      `The leader in charge in force since ${dayText(current.from)} stays until a later day`,
      { field: 'from' },
    );
  await recordChange(
    db,
    caller,
    {
      changeId,
      action: 'LEADER_IN_CHARGE_SET',
      entityType: of.kind === 'area' ? 'Area' : 'Department',
      entityId: of.id,
      payload: {
        from: current?.officialId ?? subject.leaderInChargeId,
        to: leader.id,
        on: change.from,
        note: change.note,
      },
    },
    (tx) => writeLeaderInCharge(tx, of, { current, legacyLeaderId: subject.leaderInChargeId }, leader.id, from),
  );
  return leaderInChargeAsOf(db, of, change.from);
}

/** Who was in charge of an area or a department on a day, and every period on record. */
export async function leaderInChargeAsOf(db: Db, of: InChargeOf, asOf: string) {
  const subject = await subjectOf(db, of);
  const rows = await db.prisma.leaderInCharge.findMany({
    where: subjectKey(of),
    orderBy: [{ from: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
    select: { from: true, until: true, official: { select: officialSummarySelect } },
  });
  const legacy =
    rows.length === 0 && subject.leaderInChargeId
      ? await db.prisma.official.findUnique({ where: { id: subject.leaderInChargeId }, select: officialSummarySelect })
      : null;
  const periods = legacy ? [{ official: legacy, from: null, until: null }] : rows;
  const on = dayDate(asOf);
  return {
    subject: { kind: of.kind, id: subject.id, code: subject.code, name: subject.name },
    asOf,
    leaderInCharge: periods.find(inForceOn(on))?.official ?? null,
    periods: periods.map((p) => ({ official: p.official, from: dayOrNull(p.from), until: dayOrNull(p.until) })),
  };
}
