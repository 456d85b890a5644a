/**
 * Working-day arithmetic in Vietnam's time zone (UTC+7, no daylight saving). Pure, so workflows can use it:
 * the list of non-working days comes from an activity (public holidays, Tết, declared days off).
 * Days are ISO strings `YYYY-MM-DD`; a deadline falls at the end of its day, 23:59:59.999 local time.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type IsoDay = string;

export function dayOf(instantMs: number): IsoDay {
  return new Date(instantMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of a local day. */
export function startOfDay(day: IsoDay): number {
  return Date.parse(`${day}T00:00:00.000Z`) - VIETNAM_OFFSET_MS;
}

/** The deadline instant for a day: its last millisecond, local time. */
export function endOfDay(day: IsoDay): number {
  return startOfDay(day) + DAY_MS - 1;
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isWeekend(day: IsoDay): boolean {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export class WorkingCalendar {
  private readonly offDays: ReadonlySet<IsoDay>;

  constructor(nonWorkingDays: readonly IsoDay[]) {
    this.offDays = new Set(nonWorkingDays);
  }

  isWorkingDay(day: IsoDay): boolean {
    return !isWeekend(day) && !this.offDays.has(day);
  }

  /** The n-th working day after `day` (n ≥ 1), or, for n ≤ 0, `day` itself moved forward to a working day. */
  addWorkingDays(day: IsoDay, n: number): IsoDay {
    let current = day;
    if (n <= 0) {
      while (!this.isWorkingDay(current)) current = addDays(current, 1);
      return current;
    }
    for (let left = n; left > 0;) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  /** The n-th working day before `day` (n ≥ 0). */
  subtractWorkingDays(day: IsoDay, n: number): IsoDay {
    let current = day;
    for (let left = n; left > 0;) {
      current = addDays(current, -1);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  /** The n-th working day of a month (`YYYY-MM`), n ≥ 1. */
  nthWorkingDayOfMonth(month: string, n: number): IsoDay {
    return this.addWorkingDays(addDays(`${month}-01`, -1), n);
  }
}

/** `YYYY-MM` of the month after the given one. */
export function nextMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(month: string): IsoDay {
  return addDays(`${nextMonth(month)}-01`, -1);
}

/** The anniversary of a day `years` later (29 Feb falls back to 28 Feb). */
export function addYears(day: IsoDay, years: number): IsoDay {
  const [year, rest] = [Number(day.slice(0, 4)), day.slice(4)];
  const candidate = `${year + years}${rest}`;
  return dayOf(startOfDay(candidate)) === candidate ? candidate : `${year + years}-02-28`;
}
