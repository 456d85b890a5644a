/**
 * What the records say about a decision awaited: the proposal it decides and the rotated official's next area. The
 * edge (api/decisions/acceptance.ts) asks the workflow for the rest, before the approval is sent to it.
 */
import { dayOf } from '../../machines/calendar';
import type { DecisionKind, PrismaClient } from '../../prisma/database';
import { assertAreaOpenTo } from '../assignments/area-claims';
import { Refusal } from '../refusal';

/** The day a proposal was recorded; null when it is not yet (one the system opened a moment ago). */
export async function proposalRecordedOn(prisma: PrismaClient, proposalId: string): Promise<string | null> {
  const request = await prisma.approvalRequest.findUnique({ where: { id: proposalId }, select: { createdAt: true } });
  return request ? dayOf(request.createdAt.getTime()) : null;
}

/**
 * The proposal awaiting a decision as its record shows it: kind and the day it was proposed. The workflow writes the
 * request in the same transaction as the proposal and closes it in the same as the decision, so an open request is a
 * pending proposal; answering from it spares the workflow's worker a query and the server a describe per approval
 * (a third of an approval's time under load). None on record (a proposal the system opened a moment ago): null, and
 * the workflow is asked.
 */
export async function recordedUnderDecision(
  prisma: PrismaClient,
  assignmentId: string,
): Promise<{ kind: DecisionKind; proposedOn: string } | null> {
  const open = await prisma.approvalRequest.findMany({
    where: { assignmentId, status: 'PENDING', kind: { not: 'MEETING_ATTENDANCE' } },
    select: { kind: true, createdAt: true },
    take: 2,
  });
  if (open.length !== 1) return null;
  const [request] = open;
  return { kind: request!.kind as DecisionKind, proposedOn: dayOf(request!.createdAt.getTime()) };
}

/** The rotated official's next area follows the area rules as any proposal does: 400 for an unknown area, else 422. */
export async function assertNextAreaOpen(
  prisma: PrismaClient,
  assignmentId: string,
  nextAreaId: string,
): Promise<void> {
  if (!(await prisma.area.findUnique({ where: { id: nextAreaId }, select: { id: true } }))) {
    throw new Refusal(400, 'UNKNOWN_AREA', `No area ${nextAreaId}`, { path: 'officialNextAreaId' });
  }
  const { officialId } = await prisma.assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: { officialId: true },
  });
  await assertAreaOpenTo(prisma, { assignmentId: `${assignmentId}-next-area`, areaId: nextAreaId, officialId });
}
