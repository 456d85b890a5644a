/**
 * The unit an assignment's timeline is about, as it was: the name it bore when the assignment took effect, and what
 * became of it since (merged, split, renamed, dissolved), so the timeline reads "Xã Kim Liên (sáp nhập vào … từ
 * 01/07/2025)" and never relabels the past with today's map.
 */
import { dayOf } from '../../machines/calendar';
import type { PrismaClient } from '../../prisma/database';
import { ENDING_REORGANIZATIONS, nameIn, type Succession, successionsAmong } from '../areas-history/reads';

export interface TimelineArea {
  id: string;
  name: string;
  officialCode: string | null;
  successions: Succession[];
}

/** What of the assignment's unit the timeline reads with the assignment itself (domain/timeline/reads.ts). */
export const TIMELINE_AREA_SELECT = {
  effectiveFrom: true,
  area: {
    select: {
      id: true,
      name: true,
      officialCode: true,
      names: { select: { name: true, validFrom: true, validUntil: true } },
      reorganizations: ENDING_REORGANIZATIONS,
    },
  },
} as const;

/** The assignment as read with TIMELINE_AREA_SELECT. */
export interface TimelineAreaRow {
  effectiveFrom: Date;
  area: {
    id: string;
    name: string;
    officialCode: string | null;
    names: { name: string; validFrom: Date | null; validUntil: Date | null }[];
    reorganizations: Parameters<typeof successionsAmong>[2];
  };
}

/** The unit under the name it bore on the assignment's effective day (its AreaName then, else its name), and its fate. */
export async function timelineArea(prisma: PrismaClient, row: TimelineAreaRow): Promise<TimelineArea> {
  const { id, name, officialCode, names, reorganizations } = row.area;
  const successions = await successionsAmong(prisma, id, reorganizations);
  return { id, name: nameIn(names, dayOf(row.effectiveFrom.getTime())) ?? name, officialCode, successions };
}
