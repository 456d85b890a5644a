import type { IsoDay } from '../machines/calendar';
import type { ActivityDeps } from './deps';
import { statutoryDaysOff } from './vietnam-holidays';

/** Non-working weekdays for the years given: statutory holidays plus the days off the province entered. */
export function loadNonWorkingDays(deps: ActivityDeps) {
  return async ({ fromYear, toYear }: { fromYear: number; toYear: number }): Promise<IsoDay[]> => {
    const declared = await deps.db.prisma.nonWorkingDay.findMany({
      where: { date: { gte: `${fromYear}-01-01`, lte: `${toYear}-12-31` } },
      select: { date: true },
    });
    return [...new Set([...statutoryDaysOff(fromYear, toYear), ...declared.map((d) => d.date)])].sort();
  };
}
