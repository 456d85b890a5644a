/**
 * Annual evaluations as the records hold them. Who may read which part of one is `machines/access.ts`
 * (evaluationVisibility); the routes audit every read.
 */
import { type AssignmentParties, evaluationVisibility } from '../../machines/access';
import type { Actor } from '../../machines/actor';
import type { AnnualEvaluation, PrismaClient } from '../../prisma/database';
import { assignmentParties } from '../parties';
import { confidential, notFound } from '../refusal';

/** The audit trail's (and the opinions') name for one evaluation, as the workflow's activities write it. */
export const evaluationEntityId = (assignmentId: string, year: number) => `${assignmentId}/${year}`;

/**
 * The parties of the assignment whose evaluations `actor` asks to read: 404 for an unknown assignment, 403 for a
 * caller with no part in its evaluations.
 */
export async function evaluationReaderParties(
  prisma: PrismaClient,
  actor: Actor,
  assignmentId: string,
): Promise<AssignmentParties> {
  const parties = await assignmentParties(prisma, assignmentId);
  if (!parties) throw notFound('assignment', assignmentId);
  if (!evaluationVisibility(actor, parties)) throw confidential(`The evaluations of assignment ${assignmentId}`);
  return parties;
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
