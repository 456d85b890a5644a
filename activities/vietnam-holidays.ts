import Holidays from 'date-holidays';
import { addDays, type IsoDay, isWeekend } from '../machines/calendar';

const TET_FIRST_DAY = 'Tết Nguyên Đán';

/**
 * Statutory days off in Vietnam for the given years (Bộ luật Lao động 2019, Đ112): the public holidays
 * `date-holidays` knows, Tết widened to its five days (the eve's eve to the third day of the lunar year),
 * Quốc khánh with its adjacent day, and a compensatory day when a holiday falls on a weekend.
 * The government's yearly decision can add days; those are data (`NonWorkingDay`), not code.
 */
export function statutoryDaysOff(fromYear: number, toYear: number): IsoDay[] {
  const key = `${fromYear}-${toYear}`;
  let days = computed.get(key);
  if (!days) computed.set(key, (days = computeDaysOff(fromYear, toYear)));
  return [...days];
}

// The lunar calendar behind Tết is costly to compute and never changes for a given year.
const computed = new Map<string, readonly IsoDay[]>();

function computeDaysOff(fromYear: number, toYear: number): IsoDay[] {
  const holidays = new Holidays('VN');
  const days = new Set<IsoDay>();
  for (let year = fromYear; year <= toYear; year += 1) {
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const day = holiday.date.slice(0, 10);
      days.add(day);
      if (holiday.name === TET_FIRST_DAY) for (const offset of [-2, -1, 1, 2]) days.add(addDays(day, offset));
      if (day.endsWith('-09-02')) days.add(addDays(day, 1));
    }
  }
  const compensatory: IsoDay[] = [];
  for (const day of [...days].sort()) {
    if (!isWeekend(day)) continue;
    let next = addDays(day, 1);
    while (isWeekend(next) || days.has(next) || compensatory.includes(next)) next = addDays(next, 1);
    compensatory.push(next);
  }
  return [...new Set([...days, ...compensatory])].sort();
}
