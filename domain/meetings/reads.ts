/**
 * Meetings as a caller may read them. One rule (Đ4.1, Đ7.A.6): Board leadership and the auditor read every meeting
 * and the report's personnel notes; the group's officials read their group's meetings, and of the personnel notes
 * only those they wrote; an area committee reads its area's invitations, never the Board's report of them.
 */
import type { Actor } from '../../machines/actor';
import type { MeetingBody as MeetingBodyKind } from '../../machines/meeting-policy';
import { RULE_VIOLATED } from '../../machines/rules';
import { hasAnyRole, LEADERSHIP_AND_AUDITOR } from '../../machines/roles';
import type { Prisma, PrismaClient } from '../../prisma/database';
import { type Page, type PageRequest, pageArgs, toPage } from '../pagination';
import { deadlineParties } from '../parties';
import { notFound, Refusal } from '../refusal';

export interface ListQuery extends PageRequest {
  areaId?: string | undefined;
  assignmentId?: string | undefined;
  /** A state, or a parent state: `awaitingApproval` also finds `awaitingApproval.escalated`. */
  state?: string | undefined;
}

/** A meeting as a reader sees it (the HTTP edge's MeetingSchema describes the same shape). */
export interface MeetingBody {
  id: string;
  areaId: string;
  areaName: string;
  assignmentId: string;
  groupId: string | null;
  body: MeetingBodyKind;
  startsAt: string;
  place: string;
  agenda: string;
  invitedId: string;
  attendeeId: string;
  attendeeName: string | null;
  /** Đ7.B.3: the member attends on behalf of the group leader. */
  onBehalfOfGroupLeader: boolean;
  additionalMemberIds: string[];
  state: string;
  recordedById: string;
  recordedAt: string;
  requestedAt: string | null;
  approved: boolean | null;
  decidedById: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  attendedWithoutApproval: boolean;
  reportDueAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  hasDocument: boolean;
  moves: {
    fromStartsAt: string;
    toStartsAt: string;
    fromPlace: string;
    toPlace: string;
    reason: string;
    movedById: string;
    movedAt: string;
  }[];
  report: {
    notes: string;
    remarks: string;
    mattersForLeadership: string;
    /** Confidential (Đ7.A.6): leadership, the auditor and its author only; null for others. */
    personnelNotes: string | null;
    filedById: string;
    filedAt: string;
    late: boolean;
    withoutApproval: boolean;
  } | null;
}

export type MeetingVisibility = 'full' | 'group' | 'area';

const include = {
  report: true,
  moves: { orderBy: { movedAt: 'asc' } },
  document: { select: { meetingId: true } },
} as const;
type Row = Prisma.MeetingGetPayload<{ include: typeof include }>;

async function groupsOf(prisma: PrismaClient, officialId: string): Promise<string[]> {
  const rows = await prisma.groupMembership.findMany({ where: { officialId, until: null }, select: { groupId: true } });
  return rows.map((r) => r.groupId);
}

/** The rows the caller may see at all, as a Prisma filter. */
export async function visibleMeetingsWhere(prisma: PrismaClient, actor: Actor): Promise<Prisma.MeetingWhereInput> {
  if (hasAnyRole(actor, LEADERSHIP_AND_AUDITOR)) return {};
  if (actor.roles.includes('AREA_COMMITTEE')) return { areaId: actor.areaId ?? '-' };
  const groups = await groupsOf(prisma, actor.id);
  return {
    OR: [
      { attendeeId: actor.id },
      { invitedId: actor.id },
      { recordedById: actor.id },
      { additionalMemberIds: { contains: `"${actor.id}"` } },
      ...(groups.length ? [{ groupId: { in: groups } }] : []),
    ],
  };
}

export function visibilityOf(actor: Actor): MeetingVisibility {
  if (hasAnyRole(actor, LEADERSHIP_AND_AUDITOR)) return 'full';
  return actor.roles.includes('AREA_COMMITTEE') ? 'area' : 'group';
}

export function present(row: Row, names: Map<string, string>, actor: Actor): MeetingBody {
  const visibility = visibilityOf(actor);
  const r = row.report;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    areaId: row.areaId,
    areaName: names.get(row.areaId) ?? row.areaId,
    assignmentId: row.assignmentId,
    groupId: row.groupId,
    body: row.body as MeetingBodyKind,
    startsAt: row.startsAt.toISOString(),
    place: row.place,
    agenda: row.agenda,
    invitedId: row.invitedId,
    attendeeId: row.attendeeId,
    attendeeName: names.get(row.attendeeId) ?? null,
    onBehalfOfGroupLeader: row.onBehalfOfGroupLeader,
    additionalMemberIds: JSON.parse(row.additionalMemberIds) as string[],
    state: row.state,
    recordedById: row.recordedById,
    recordedAt: row.recordedAt.toISOString(),
    requestedAt: iso(row.requestedAt),
    approved: row.approved,
    decidedById: row.decidedById,
    decidedAt: iso(row.decidedAt),
    decisionNote: row.decisionNote,
    attendedWithoutApproval: row.attendedWithoutApproval,
    reportDueAt: iso(row.reportDueAt),
    cancelledAt: iso(row.cancelledAt),
    cancelReason: row.cancelReason,
    hasDocument: row.document !== null,
    moves: row.moves.map((m) => ({
      fromStartsAt: m.fromStartsAt.toISOString(),
      toStartsAt: m.toStartsAt.toISOString(),
      fromPlace: m.fromPlace,
      toPlace: m.toPlace,
      reason: m.reason,
      movedById: m.movedById,
      movedAt: m.movedAt.toISOString(),
    })),
    report:
      r && visibility !== 'area'
        ? {
            notes: r.notes,
            remarks: r.remarks,
            mattersForLeadership: r.mattersForLeadership,
            personnelNotes: visibility === 'full' || r.filedById === actor.id ? r.personnelNotes : null,
            filedById: r.filedById,
            filedAt: r.filedAt.toISOString(),
            late: r.late,
            withoutApproval: r.withoutApproval,
          }
        : null,
  };
}

/** Whether the answer shows personnel notes: such a read is audited. */
export const showsPersonnelNotes = (meeting: MeetingBody) => Boolean(meeting.report?.personnelNotes);

async function namesFor(prisma: PrismaClient, rows: Row[]): Promise<Map<string, string>> {
  const [areas, officials] = await Promise.all([
    prisma.area.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.areaId))] } },
      select: { id: true, name: true },
    }),
    prisma.official.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.attendeeId))] } },
      select: { id: true, fullName: true },
    }),
  ]);
  return new Map([...areas.map((a) => [a.id, a.name] as const), ...officials.map((o) => [o.id, o.fullName] as const)]);
}

export async function findMeeting(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
): Promise<MeetingBody | 'hidden' | null> {
  const row = await prisma.meeting.findUnique({ where: { id }, include });
  if (!row) return null;
  const visible = await prisma.meeting.count({ where: { AND: [{ id }, await visibleMeetingsWhere(prisma, actor)] } });
  if (!visible) return 'hidden';
  return present(row, await namesFor(prisma, [row]), actor);
}

export async function visibleMeetingsPage(
  prisma: PrismaClient,
  actor: Actor,
  { areaId, assignmentId, state, ...page }: ListQuery,
  extra: Prisma.MeetingWhereInput = {},
): Promise<Page<MeetingBody>> {
  const rows = await prisma.meeting.findMany({
    where: {
      AND: [
        await visibleMeetingsWhere(prisma, actor),
        extra,
        {
          ...(areaId && { areaId }),
          ...(assignmentId && { assignmentId }),
          ...(state && { OR: [{ state }, { state: { startsWith: `${state}.` } }] }),
        },
      ],
    },
    include,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    ...pageArgs(page),
  });
  const names = await namesFor(prisma, rows);
  return toPage(rows, page.limit, (row) => present(row, names, actor));
}

/** The area's assignment in force (approved, not closed) and the people a meeting of it involves. */
export async function areaParties(prisma: PrismaClient, areaId: string) {
  const area = await prisma.area.findUnique({ where: { id: areaId }, select: { id: true } });
  if (!area) throw notFound('area', areaId);
  const assignment = await prisma.assignment.findFirst({
    where: { areaId, closedAt: null, approvedById: { not: null } },
    orderBy: [{ effectiveFrom: 'desc' }, { id: 'asc' }],
    select: { id: true, officialId: true, groupId: true },
  });
  if (!assignment)
    throw new Refusal(422, RULE_VIOLATED, 'No assignment in force monitors this area', { rule: 'AREA_NOT_MONITORED' });

  const parties = await deadlineParties(prisma, {
    officialId: assignment.officialId,
    groupId: assignment.groupId ?? undefined,
    areaId,
  });
  return { assignment, parties };
}

/** Whether the meeting's record is stored (its workflow stores it as it starts). */
export async function meetingRecorded(prisma: PrismaClient, meetingId: string): Promise<boolean> {
  return (await prisma.meeting.findUnique({ where: { id: meetingId }, select: { id: true } })) !== null;
}

/** The invitation document attached to the meeting, if any. */
export function invitationDocument(prisma: PrismaClient, meetingId: string) {
  return prisma.meetingDocument.findUnique({ where: { meetingId } });
}

/** The areas a Board leader is in charge of. */
export async function areasInChargeOf(prisma: PrismaClient, leaderId: string): Promise<string[]> {
  const areas = await prisma.area.findMany({ where: { leaderInChargeId: leaderId }, select: { id: true } });
  return areas.map((a) => a.id);
}
