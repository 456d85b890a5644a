/**
 * The people of an assignment and of the Board, as the records say now: one lookup each, for the routes, the
 * activities and the notification dispatcher alike.
 */
import type { AssignmentParties, FilingReader } from '../machines/access';
import type { Actor } from '../machines/actor';
import type { Tx } from './audit/log';

/** The Head of Board in office (Đ7.A.4, Đ9.5): the last rung of every escalation; null before one is on record. */
export async function headOfBoardId(prisma: Tx): Promise<string | null> {
  const head = await prisma.official.findFirst({
    where: { position: 'HEAD_OF_BOARD', active: true },
    select: { id: true },
    orderBy: { code: 'asc' },
  });
  return head?.id ?? null;
}

/** The leader in charge of an area (Đ2.5, Đ4.1); null for an unknown area or one without. */
export async function leaderInChargeOf(prisma: Tx, areaId: string): Promise<string | null> {
  const area = await prisma.area.findUnique({ where: { id: areaId }, select: { leaderInChargeId: true } });
  return area?.leaderInChargeId ?? null;
}

/** A group's current members, its leader flagged. */
export async function currentMembers(prisma: Tx, groupId: string | null | undefined) {
  if (!groupId) return [];
  return prisma.groupMembership.findMany({
    where: { groupId, until: null },
    select: { officialId: true, isLeader: true },
    orderBy: { officialId: 'asc' },
  });
}

/** The group leader among `members`: the official themself when they lead, or work alone. */
const leaderOf = (members: { officialId: string; isLeader: boolean }[], officialId: string): string =>
  members.find((m) => m.isLeader)?.officialId ?? officialId;

/** The group leader of an assignment's group now; the official themself when they lead, or work alone. */
export async function groupLeaderOf(
  prisma: Tx,
  groupId: string | null | undefined,
  officialId: string,
): Promise<string> {
  return leaderOf(await currentMembers(prisma, groupId), officialId);
}

/** The people of one assignment whom the access rules ask about; null for an unknown assignment. */
export async function assignmentParties(prisma: Tx, assignmentId: string): Promise<AssignmentParties | null> {
  const assignment = await prisma.assignment.findUnique({
    where: { id: assignmentId },
    select: { id: true, areaId: true, officialId: true, groupId: true },
  });
  if (!assignment) return null;
  return partiesOf(assignment, await currentMembers(prisma, assignment.groupId));
}

/** An assignment's parties from its row and its group's current members (read by the caller, e.g. in one query). */
export function partiesOf(
  assignment: { id: string; areaId: string; officialId: string; groupId: string | null },
  members: { officialId: string; isLeader: boolean }[],
): AssignmentParties {
  return {
    assignmentId: assignment.id,
    areaId: assignment.areaId,
    officialId: assignment.officialId,
    groupId: assignment.groupId,
    groupLeaderId: leaderOf(members, assignment.officialId),
    monitoringOfficialIds: [...new Set([assignment.officialId, ...members.map((m) => m.officialId)])],
  };
}

/** The people a deadline escalates to and who may file: what an assignment's workflows are handed. */
export interface DeadlineParties {
  /** Who may file for the area: the official and the current members of their group. */
  filerIds: string[];
  /** The group leader; the official themself when they lead, or work alone. */
  groupLeaderId: string;
  leaderInChargeId: string | undefined;
  headOfBoardId: string | undefined;
}

export async function deadlineParties(
  prisma: Tx,
  { officialId, groupId, areaId }: { officialId: string; groupId?: string | undefined; areaId: string },
): Promise<DeadlineParties> {
  const [members, leaderInChargeId, headId] = await Promise.all([
    currentMembers(prisma, groupId),
    leaderInChargeOf(prisma, areaId),
    headOfBoardId(prisma),
  ]);
  return {
    filerIds: [...new Set([officialId, ...members.map((m) => m.officialId)])],
    groupLeaderId: leaderOf(members, officialId),
    leaderInChargeId: leaderInChargeId ?? undefined,
    headOfBoardId: headId ?? undefined,
  };
}

/** An official's department: a department head oversees the officials of their own. */
export async function departmentOf(prisma: Tx, officialId: string): Promise<string | null> {
  const official = await prisma.official.findUnique({ where: { id: officialId }, select: { departmentId: true } });
  return official?.departmentId ?? null;
}

/** A reader of plans and reports, with the groups `actor` leads today as their memberships say. */
export async function filingReader(prisma: Tx, actor: Actor): Promise<FilingReader> {
  const led = await prisma.groupMembership.findMany({
    where: { officialId: actor.id, isLeader: true, until: null },
    select: { groupId: true },
  });
  return { actor, ledGroupIds: led.map((m) => m.groupId) };
}
