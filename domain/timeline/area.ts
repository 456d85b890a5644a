/**
 * The unit an assignment's timeline is about, as it was: the name it bore when the assignment took effect, and what
 * became of it since (merged, split, renamed, dissolved), so the timeline reads "Xã Kim Liên (sáp nhập vào … từ
 * 01/07/2025)" and never relabels the past with today's map.
 */
import { dayOf } from '../../machines/calendar';
import type { PrismaClient } from '../../prisma/database';
import { nameOn, type Succession, successionsOf } from '../areas-history/reads';

export interface TimelineArea {
  id: string;
  name: string;
  officialCode: string | null;
  successions: Succession[];
}

/** Null for an unknown assignment (the timeline's own read answers 404 for it). */
export async function timelineArea(prisma: PrismaClient, assignmentId: string): Promise<TimelineArea | null> {
  const assignment = await prisma.assignment.findUnique({
    where: { id: assignmentId },
    select: { effectiveFrom: true, area: { select: { id: true, officialCode: true } } },
  });
  if (!assignment) return null;
  const { id, officialCode } = assignment.area;
  const [name, successions] = await Promise.all([
    nameOn(prisma, id, dayOf(assignment.effectiveFrom.getTime())),
    successionsOf(prisma, id),
  ]);
  return { id, name, officialCode, successions };
}
