/**
 * Meetings as a caller may read them. One rule (Đ4.1, Đ7.A.6): Board leadership and the auditor read every meeting
 * and the report's personnel notes; the group's officials read their group's meetings, and of the personnel notes
 * only those they wrote; an area committee reads its area's invitations, never the Board's report of them.
 */
import type { Actor } from '../../machines/actor';
import { hasAnyRole, LEADERSHIP_AND_AUDITOR } from '../../machines/roles';
import type { Prisma, PrismaClient } from '../../prisma/database';
import { type Page, pageArgs, toPage } from '../pagination';
import type { ListQuery, MeetingBody } from './schemas';

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
    body: row.body as MeetingBody['body'],
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
