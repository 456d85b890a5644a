/** What the audit routes read besides the chain itself: which assignments' histories to export or replay, a row. */
import type { PrismaClient } from '../../prisma/database';

export async function assignmentExists(prisma: PrismaClient, id: string): Promise<boolean> {
  return !!(await prisma.assignment.findUnique({ where: { id }, select: { id: true } }));
}

/** The closed assignments, the earliest closed first, at most `limit`. */
export async function closedAssignmentIds(prisma: PrismaClient, limit: number): Promise<string[]> {
  const closed = await prisma.assignment.findMany({
    where: { closedAt: { not: null } },
    select: { id: true },
    orderBy: { closedAt: 'asc' },
    take: limit,
  });
  return closed.map((a) => a.id);
}

/** The audit row at `seq`, as a report names it; null when there is none (deleted). */
export function auditRowAt(prisma: PrismaClient, seq: number) {
  return prisma.auditEvent.findUnique({
    where: { seq },
    select: { at: true, action: true, entityType: true, entityId: true },
  });
}
