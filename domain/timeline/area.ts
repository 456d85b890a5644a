/**
 * The unit an assignment's timeline is about, as it was: the name it bore when the assignment took effect, and what
 * became of it since (merged, split, renamed, dissolved), so the timeline reads "Xã Kim Liên (sáp nhập vào … từ
 * 01/07/2025)" and never relabels the past with today's map.
 */
import { dayOf } from '../../machines/calendar';
import type { PrismaClient } from '../../prisma/database';
import { booleanOf, dateOf, readRows, textOf } from '../../prisma/raw-reads';
import { nameIn, type Succession, successionsOf } from '../areas-history/reads';

export interface TimelineArea {
  id: string;
  name: string;
  officialCode: string | null;
  successions: Succession[];
}

/**
 * What of the assignment's unit the timeline reads with the assignment itself (domain/timeline/reads.ts, through
 * readFactsRow): its name and code, and whether it has recorded names or was a predecessor in a reorganisation, whose
 * reads are skipped when not (most units).
 */
export const TIMELINE_AREA_COLUMNS = {
  areaName: '"area"."name"',
  areaCode: '"area"."officialCode"',
  hasNames: 'EXISTS (SELECT 1 FROM "AreaName" WHERE "areaId" = "a"."areaId")',
  hasEndings: `EXISTS (SELECT 1 FROM "ReorganizationArea" WHERE "areaId" = "a"."areaId" AND "side" = 'PREDECESSOR')`,
} as const;

/** The assignment as read with TIMELINE_AREA_COLUMNS. */
export interface TimelineAreaRow {
  areaId: string;
  effectiveFrom: Date;
  extra: Record<keyof typeof TIMELINE_AREA_COLUMNS, unknown>;
}

/** The unit under the name it bore on the assignment's effective day (its AreaName then, else its name), and its fate. */
export async function timelineArea(prisma: PrismaClient, row: TimelineAreaRow): Promise<TimelineArea> {
  const { areaName, areaCode, hasNames, hasEndings } = row.extra;
  const id = row.areaId;
  const [names, successions] = await Promise.all([
    booleanOf(hasNames)
      ? readRows(prisma, 'SELECT "name", "validFrom", "validUntil" FROM "AreaName" WHERE "areaId" = $1', [id])
      : [],
    booleanOf(hasEndings) ? successionsOf(prisma, id) : [],
  ]);
  const periods = names.map((n) => ({
    name: String(n.name),
    validFrom: dateOf(n.validFrom, 'nullable'),
    validUntil: dateOf(n.validUntil, 'nullable'),
  }));
  const name = String(areaName);
  return {
    id,
    name: nameIn(periods, dayOf(row.effectiveFrom.getTime())) ?? name,
    officialCode: textOf(areaCode),
    successions,
  };
}
