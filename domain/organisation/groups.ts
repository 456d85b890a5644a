/**
 * Monitoring groups as the administrator keeps them (Đ2.3): formed with their leader and members from a day; members
 * join and leave on their days; the leader changes on a day. Memberships are periods (GroupMembership since/until),
 * one open at a time per official and group, never overlapping, so who led or sat in a group on any day stays
 * answerable (reads.ts). A leader is a member: leading is a flag on a membership, and a change of leader closes the
 * two memberships concerned that day and opens them again with the flag moved.
 */
import type { Tx } from '../audit/log';
import type { Caller } from '../caller';
import { notFound } from '../refusal';
import { type Db, recordChange } from './audit';
import { dayDate, dayText, refuseFutureDay, ruleViolated, servingOn } from './periods';

export interface GroupForm {
  name: string;
  since: string;
  leaderId: string;
  memberIds: string[];
}

/** Refuses officials unknown, or not with the Board on the day. */
async function refuseNotServing(db: Db, ids: string[], day: string, field: string): Promise<void> {
  const on = dayDate(day);
  const rows = await db.prisma.official.findMany({
    where: { id: { in: ids } },
    select: { id: true, activeFrom: true, activeUntil: true },
  });
  for (const id of ids) {
    const row = rows.find((o) => o.id === id);
    if (!row) throw ruleViolated('UNKNOWN_OFFICIAL', `No official ${id}`, { field });
    if (!servingOn(on, row))
      throw ruleViolated('OFFICIAL_NOT_ACTIVE', `Official ${id} is not with the Board on ${day}`, { field });
  }
}

export async function formGroup(db: Db, caller: Caller, id: string, form: GroupForm): Promise<void> {
  if (await db.prisma.monitoringGroup.findUnique({ where: { id }, select: { id: true } })) return;
  refuseFutureDay(form.since, 'since');
  const taken = await db.prisma.monitoringGroup.findFirst({ where: { name: form.name }, select: { id: true } });
  if (taken) throw ruleViolated('GROUP_NAME_TAKEN', `Group ${taken.id} has the name ${form.name}`, { field: 'name' });
  const memberIds = [...new Set(form.memberIds.filter((m) => m !== form.leaderId))];
  await refuseNotServing(db, [form.leaderId], form.since, 'leaderId');
  await refuseNotServing(db, memberIds, form.since, 'memberIds');
  const since = dayDate(form.since);
  await recordChange(
    db,
    caller,
    {
      changeId: id,
      action: 'GROUP_FORMED',
      entityType: 'MonitoringGroup',
      entityId: id,
      payload: { name: form.name, since: form.since, leaderId: form.leaderId, memberIds },
    },
    async (tx) => {
      await tx.monitoringGroup.create({ data: { id, name: form.name } });
      await tx.groupMembership.createMany({
        data: [
          { groupId: id, officialId: form.leaderId, isLeader: true, since },
          ...memberIds.map((officialId) => ({ groupId: id, officialId, isLeader: false, since })),
        ],
      });
    },
  );
}

async function membershipsOf(db: Db, groupId: string, officialId: string) {
  if (!(await db.prisma.monitoringGroup.findUnique({ where: { id: groupId }, select: { id: true } })))
    throw notFound('group', groupId);
  return db.prisma.groupMembership.findMany({
    where: { groupId, officialId },
    orderBy: { since: 'asc' },
    select: { id: true, since: true, until: true, isLeader: true },
  });
}

export interface MembershipForm {
  officialId: string;
  since: string;
  /** The first day no longer a member; open-ended when absent. */
  until?: string | undefined;
}

/** Adds a membership period (a member joining; or one of the past, entered to complete the history). */
export async function addMembership(db: Db, caller: Caller, changeId: string, groupId: string, form: MembershipForm) {
  refuseFutureDay(form.since, 'since');
  if (form.until) {
    refuseFutureDay(form.until, 'until');
    if (form.until <= form.since)
      throw ruleViolated('EMPTY_PERIOD', `The membership ends (${form.until}) before it begins`, { field: 'until' });
  }
  const periods = await membershipsOf(db, groupId, form.officialId);
  await refuseNotServing(db, [form.officialId], form.since, 'officialId');
  const since = dayDate(form.since);
  const until = form.until ? dayDate(form.until) : null;
  const overlap = periods.find((p) => (!until || p.since < until) && (!p.until || p.until > since));
  if (overlap)
    throw ruleViolated(
      'MEMBERSHIP_OVERLAP',
      `Official ${form.officialId} is a member of ${groupId} from ${dayText(overlap.since)}` +
        (overlap.until ? ` until ${dayText(overlap.until)}` : '') +
        ': a membership may not overlap another of the same official in the same group',
      { field: 'since' },
    );
  await recordChange(
    db,
    caller,
    {
      changeId,
      action: 'GROUP_MEMBERSHIP_ADDED',
      entityType: 'MonitoringGroup',
      entityId: groupId,
      payload: { officialId: form.officialId, since: form.since, until: form.until ?? null },
    },
    async (tx) => {
      await tx.groupMembership.create({
        data: { groupId, officialId: form.officialId, isLeader: false, since, until },
      });
    },
  );
}

/**
 * Ends an official's open membership on a day. Ending the leader's leaves the group without a leader until another
 * is named: the answer says so, and GET /organisation/gaps lists it.
 */
export async function endMembership(
  db: Db,
  caller: Caller,
  changeId: string,
  groupId: string,
  { officialId, on, note }: { officialId: string; on: string; note: string },
): Promise<{ wasLeader: boolean }> {
  refuseFutureDay(on, 'on');
  const open = (await membershipsOf(db, groupId, officialId)).find((p) => !p.until);
  if (!open) throw ruleViolated('NOT_GROUP_MEMBER', `Official ${officialId} is not a member of ${groupId}`);
  const until = dayDate(on);
  if (open.since >= until)
    throw ruleViolated('EMPTY_PERIOD', `The membership began on ${dayText(open.since)}: it ends after that day`, {
      field: 'on',
    });
  await recordChange(
    db,
    caller,
    {
      changeId,
      action: 'GROUP_MEMBERSHIP_ENDED',
      entityType: 'MonitoringGroup',
      entityId: groupId,
      payload: { officialId, on, wasLeader: open.isLeader, note },
    },
    async (tx) => {
      await tx.groupMembership.update({ where: { id: open.id }, data: { until } });
    },
  );
  return { wasLeader: open.isLeader };
}

/** Moves the leader's flag, from a day, to a current member; the former leader stays a member. */
export async function changeGroupLeader(
  db: Db,
  caller: Caller,
  changeId: string,
  groupId: string,
  { officialId, from, note }: { officialId: string; from: string; note: string },
): Promise<void> {
  refuseFutureDay(from, 'from');
  if (!(await db.prisma.monitoringGroup.findUnique({ where: { id: groupId }, select: { id: true } })))
    throw notFound('group', groupId);
  const open = await db.prisma.groupMembership.findMany({
    where: { groupId, until: null },
    select: { id: true, officialId: true, since: true, isLeader: true },
  });
  const day = dayDate(from);
  const next = open.find((m) => m.officialId === officialId);
  if (!next || next.since > day)
    throw ruleViolated(
      'LEADER_NOT_MEMBER',
      `Official ${officialId} is not a member of ${groupId} on ${from}: the leader is one of the group's members (Đ2.3)`,
      { field: 'officialId' },
    );
  if (next.isLeader) return;
  const former = open.find((m) => m.isLeader);
  if (former && former.since > day)
    throw ruleViolated('CHANGE_BEFORE_CURRENT', `The present leader leads since ${dayText(former.since)}`, {
      field: 'from',
    });
  await recordChange(
    db,
    caller,
    {
      changeId,
      action: 'GROUP_LEADER_CHANGED',
      entityType: 'MonitoringGroup',
      entityId: groupId,
      payload: { from: former?.officialId ?? null, to: officialId, on: from, note },
    },
    async (tx) => {
      if (former) await moveFlag(tx, former, false, day);
      await moveFlag(tx, next, true, day);
    },
  );
}

/** Closes a membership on `day` and opens it again with the flag set as given (or sets it, if it began that day). */
async function moveFlag(
  tx: Tx,
  m: { id: string; officialId: string; since: Date },
  isLeader: boolean,
  day: Date,
): Promise<void> {
  if (m.since.getTime() === day.getTime()) {
    await tx.groupMembership.update({ where: { id: m.id }, data: { isLeader } });
    return;
  }
  const row = await tx.groupMembership.update({ where: { id: m.id }, data: { until: day }, select: { groupId: true } });
  await tx.groupMembership.create({ data: { groupId: row.groupId, officialId: m.officialId, isLeader, since: day } });
}
