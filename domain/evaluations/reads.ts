/**
 * Annual evaluations as the records hold them. Who may read which part of one is `machines/access.ts`
 * (evaluationVisibility); the routes audit every read.
 */
import {
  type AssignmentParties,
  type EvaluationVisibility,
  evaluationVisibility,
  readsSomeEvaluation,
} from '../../machines/access';
import type { Actor } from '../../machines/actor';
import type { AnnualEvaluation, PrismaClient } from '../../prisma/database';
import { assignmentParties } from '../parties';
import { confidential, notFound } from '../refusal';

/** The audit trail's (and the opinions') name for one evaluation, as the workflow's activities write it. */
export const evaluationEntityId = (assignmentId: string, year: number) => `${assignmentId}/${year}`;

/** Who has a part in an assignment's evaluations: its parties, and the committee each passed to (year → area). */
export interface EvaluationReaders {
  parties: AssignmentParties;
  passedTo: ReadonlyMap<number, string>;
}

/** The step the evaluation's workflow records when the request passes to the ceased area's one successor. */
const PASSED_TO_SUCCESSOR = 'AREA_EVALUATION_PASSED_TO_SUCCESSOR';

/** The committees the assignment's evaluations passed to when its area ceased, as the audit trail records it. */
export async function passedToCommittees(prisma: PrismaClient, assignmentId: string): Promise<Map<number, string>> {
  const steps = await prisma.auditEvent.findMany({
    where: { assignmentId, entityType: 'Deadline', action: PASSED_TO_SUCCESSOR },
    select: { payload: true },
  });
  const passedTo = new Map<number, string>();
  for (const { payload } of steps) {
    const { reference, successorAreaId } = (payload ?? {}) as { reference?: unknown; successorAreaId?: unknown };
    if (typeof reference === 'string' && typeof successorAreaId === 'string')
      passedTo.set(Number(reference), successorAreaId);
  }
  return passedTo;
}

/**
 * The readers of the assignment whose evaluations `actor` asks to read: 404 for an unknown assignment, 403 for a
 * caller with no part in any of its evaluations.
 */
export async function evaluationReaders(
  prisma: PrismaClient,
  actor: Actor,
  assignmentId: string,
): Promise<EvaluationReaders> {
  const parties = await assignmentParties(prisma, assignmentId);
  if (!parties) throw notFound('assignment', assignmentId);
  const passedTo = await passedToCommittees(prisma, assignmentId);
  if (!readsSomeEvaluation(actor, parties, [...passedTo.values()]))
    throw confidential(`The evaluations of assignment ${assignmentId}`);
  return { parties, passedTo };
}

/** What of one evaluation the caller sees; null: nothing (another committee's, as one passed to a successor). */
export function visibilityOf(
  actor: Actor,
  { parties, passedTo }: EvaluationReaders,
  row: AnnualEvaluation,
): EvaluationVisibility | null {
  return evaluationVisibility(actor, parties, {
    proposedById: row.proposedById,
    committeeAreaId: passedTo.get(row.year) ?? null,
  });
}

/** What of one evaluation the caller sees, or 403 for one they have no part in. */
export function readableVisibility(actor: Actor, readers: EvaluationReaders, row: AnnualEvaluation) {
  const visibility = visibilityOf(actor, readers, row);
  if (!visibility) throw confidential(`The evaluation ${evaluationEntityId(row.assignmentId, row.year)}`);
  return visibility;
}

/** The assignment's evaluations, oldest year first. */
export function evaluationsOf(prisma: PrismaClient, assignmentId: string): Promise<AnnualEvaluation[]> {
  return prisma.annualEvaluation.findMany({ where: { assignmentId }, orderBy: { year: 'asc' } });
}

/** One year's evaluation; null before its workflow wrote it. */
export function evaluationOf(
  prisma: PrismaClient,
  assignmentId: string,
  year: number,
): Promise<AnnualEvaluation | null> {
  return prisma.annualEvaluation.findUnique({ where: { assignmentId_year: { assignmentId, year } } });
}
