/**
 * Complaints as the records hold them, with what the audit trail adds, and who may see each one
 * (machines/access.ts: complaintVisibility). The routes shape and audit every read.
 */
import type { Actor } from '../../machines/actor';
import type { Complaint, ComplaintVerification, PrismaClient } from '../../prisma/database';
import { complaintVisibility, type ComplaintVisibility, visibleComplaintsWhere } from '../../machines/access';
import { RULE_VIOLATED } from '../../machines/rules';
import { type Page, pageArgs, type PageRequest, toPage } from '../pagination';
import { notFound, Refusal } from '../refusal';
import { type ComplaintTrail, trailsOf } from './trail';

export type ComplaintRow = Complaint & { verification: ComplaintVerification | null };

/** A complaint on record, with its trail and what the caller may see of it. */
export interface SeenComplaint {
  row: ComplaintRow;
  trail: ComplaintTrail;
  visibility: ComplaintVisibility;
}

/** One complaint with its trail, or null when there is none by that id. Who may see it is the caller's to check. */
export async function findComplaint(
  prisma: PrismaClient,
  id: string,
): Promise<{ row: ComplaintRow; trail: ComplaintTrail } | null> {
  const row = await prisma.complaint.findUnique({ where: { id }, include: { verification: true } });
  if (!row) return null;
  return { row, trail: (await trailsOf(prisma, [id]))(id) };
}

export interface ComplaintFilter extends PageRequest {
  assignmentId?: string | undefined;
  /** A state, or a parent state: `underVerification` also finds `underVerification.overdue`. */
  state?: string | undefined;
}

/** The complaints the caller may see, newest first; a page may hold fewer than `limit` once narrowed to those. */
export async function visibleComplaintsPage(
  prisma: PrismaClient,
  actor: Actor,
  { assignmentId, state, ...page }: ComplaintFilter,
): Promise<Page<SeenComplaint>> {
  const rows = await prisma.complaint.findMany({
    where: {
      ...visibleComplaintsWhere(actor),
      ...(assignmentId && { assignmentId }),
      ...(state && { OR: [{ state }, { state: { startsWith: `${state}.` } }] }),
    },
    include: { verification: true },
    orderBy: [{ filedAt: 'desc' }, { id: 'desc' }],
    ...pageArgs(page),
  });
  const { items: kept, nextCursor } = toPage(rows, page.limit, (row) => row);
  const trail = await trailsOf(
    prisma,
    kept.map((r) => r.id),
  );
  const items = kept.flatMap((row) => {
    const extra = trail(row.id);
    const visibility = complaintVisibility(actor, row, extra.verifierId);
    return visibility ? [{ row, trail: extra, visibility }] : [];
  });
  return { items, nextCursor };
}

/**
 * The assignment a complaint is lodged about, as its official: 404 for an unknown assignment, 422
 * COMPLAINT_ABOUT_ONESELF when the recorder is that official.
 */
export async function complaintSubject(
  prisma: PrismaClient,
  recorder: Actor,
  assignmentId: string,
): Promise<{ id: string; officialId: string }> {
  const assignment = await prisma.assignment.findUnique({
    where: { id: assignmentId },
    select: { id: true, officialId: true },
  });
  if (!assignment) throw notFound('assignment', assignmentId);
  if (assignment.officialId === recorder.id) {
    throw new Refusal(422, RULE_VIOLATED, 'Nobody records a complaint about themself', {
      rule: 'COMPLAINT_ABOUT_ONESELF',
    });
  }
  return assignment;
}

/** Whether the complaint's workflow has stored its record yet. */
export async function complaintOnRecord(prisma: PrismaClient, complaintId: string): Promise<boolean> {
  return !!(await prisma.complaint.findUnique({ where: { id: complaintId }, select: { id: true } }));
}
