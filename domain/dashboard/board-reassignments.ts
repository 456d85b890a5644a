/**
 * Reassignments at the Board's request (Đ4.2 "theo yêu cầu nhiệm vụ của Cơ quan"): they rest on no
 * established ground, only on their written reason, so the dashboard counts them apart: those waiting for a decision
 * and those approved this year (Vietnam's calendar) up to `asOf`. Counts name nobody.
 */
import { dayOf, startOfDay } from '../../machines/calendar';
import type { PrismaClient } from '../../prisma/database';
import type { DashboardScope } from './scope';

export interface BoardReassignmentCounts {
  pending: number;
  approvedThisYear: number;
}

export async function countBoardReassignments(
  prisma: PrismaClient,
  scope: DashboardScope,
  asOf: Date,
): Promise<BoardReassignmentCounts> {
  const yearStart = new Date(startOfDay(`${dayOf(asOf.getTime()).slice(0, 4)}-01-01`));
  const ofKind = { kind: 'BOARD_REASSIGNMENT', assignment: scope } as const;
  const [pending, approvedThisYear] = await Promise.all([
    prisma.approvalRequest.count({ where: { ...ofKind, status: 'PENDING', createdAt: { lte: asOf } } }),
    prisma.approvalRequest.count({
      where: { ...ofKind, decision: { outcome: 'APPROVED', decidedAt: { gte: yearStart, lte: asOf } } },
    }),
  ]);
  return { pending, approvedThisYear };
}
