/**
 * Complaints as a caller may read them: each one shaped by what the caller sees of it (api/confidentiality.ts), with
 * what the audit trail adds. The routes audit every read.
 */
import type { Actor } from '../../machines/actor';
import type { Complaint, ComplaintVerification, PrismaClient } from '../../prisma/database';
import { complaintVisibility, type ComplaintVisibility, visibleComplaintsWhere } from '../../machines/access';
import { type Page, pageArgs, toPage } from '../pagination';
import type { ComplaintBody, ListQuery } from './schemas';
import { type ComplaintTrail, trailsOf } from './trail';

type Row = Complaint & { verification: ComplaintVerification | null };

export function present(row: Row, visibility: ComplaintVisibility, trail: ComplaintTrail): ComplaintBody {
  const v = row.verification;
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    officialId: row.officialId,
    summary: row.summary,
    source: row.source,
    receivedOn: trail.receivedOn,
    state: row.state,
    filedById: row.filedById,
    filedAt: row.filedAt.toISOString(),
    verificationDueAt: row.verificationDueAt.toISOString(),
    verifierId: trail.verifierId ?? v?.verifiedById ?? null,
    visibility,
    verification: v && {
      outcome: v.outcome,
      findings: visibility === 'full' ? v.findings : null,
      verifiedById: v.verifiedById,
      verifiedAt: v.verifiedAt.toISOString(),
    },
  };
}

/** One complaint with its trail, or null when there is none by that id. Who may see it is the caller's to check. */
export async function findComplaint(
  prisma: PrismaClient,
  id: string,
): Promise<{ row: Row; trail: ComplaintTrail } | null> {
  const row = await prisma.complaint.findUnique({ where: { id }, include: { verification: true } });
  if (!row) return null;
  return { row, trail: (await trailsOf(prisma, [id]))(id) };
}

/** The complaints the caller may see, newest first; a page may hold fewer than `limit` once narrowed to those. */
export async function visibleComplaintsPage(
  prisma: PrismaClient,
  actor: Actor,
  { assignmentId, state, ...page }: ListQuery,
): Promise<Page<ComplaintBody>> {
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
    return visibility ? [present(row, visibility, extra)] : [];
  });
  return { items, nextCursor };
}
