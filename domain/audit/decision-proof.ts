/**
 * A decision's place in the audit log: the row written when the decision was issued (the transition that carried it,
 * in the same transaction as the decision's record), and the proof that this row is in a signed checkpoint, which an
 * auditor checks offline with `npm run verify`.
 */
import type { PrismaClient } from '../../prisma/database';
import type { SignedCheckpoint } from './checkpoints';
import { type InclusionProof, inclusionProof } from './tree';

export interface DecisionRow {
  decision: { id: string; number: string; issuedOn: string; assignmentId: string | null };
  /** The audit row that issued it; null when none (recorded before the log, or imported without a row naming it). */
  row: { seq: number; leafIndex: number | null } | null;
}

/** The decision and the first audit row that carried its number for one of its assignments; null when no decision. */
export async function decisionRow(prisma: PrismaClient, decisionId: string): Promise<DecisionRow | null> {
  const decision = await prisma.decision.findUnique({
    where: { id: decisionId },
    select: {
      id: true,
      number: true,
      issuedOn: true,
      heldByAssignmentId: true,
      assignments: { select: { id: true } },
      approvals: { select: { request: { select: { assignmentId: true } } } },
    },
  });
  if (!decision) return null;
  // A number repeats from year to year: the row is the one of an assignment this decision was recorded for.
  const assignmentIds = [
    decision.heldByAssignmentId,
    ...decision.assignments.map((a) => a.id),
    ...decision.approvals.map((a) => a.request.assignmentId),
  ].filter((id): id is string => id !== null);
  const row = await prisma.auditEvent.findFirst({
    where: { decisionNumber: decision.number, assignmentId: { in: assignmentIds } },
    orderBy: { seq: 'asc' },
    select: { seq: true, leafIndex: true },
  });
  return {
    decision: {
      id: decision.id,
      number: decision.number,
      issuedOn: decision.issuedOn.toISOString().slice(0, 10),
      assignmentId: decision.heldByAssignmentId,
    },
    row,
  };
}

/**
 * The first of the kept checkpoints whose tree holds the row (the one signed for the decision, when still kept), and
 * the row's inclusion proof against it; both null when no kept checkpoint holds it yet.
 */
export async function decisionInclusion(
  prisma: PrismaClient,
  row: { seq: number; leafIndex: number | null },
  checkpoints: SignedCheckpoint[],
): Promise<{ checkpoint: SignedCheckpoint; inclusion: InclusionProof } | null> {
  if (row.leafIndex === null) return null;
  const checkpoint = checkpoints.find((c) => c.size > row.leafIndex!);
  if (!checkpoint) return null;
  return { checkpoint, inclusion: await inclusionProof(prisma, row.seq, checkpoint.size) };
}
