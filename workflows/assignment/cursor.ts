import type { Policy } from '../../machines/policy';
import { addYears, type IsoDay, nextMonth, startOfDay } from '../../machines/calendar';

/** What the assignment does next on the calendar; carried across continue-as-new. */
export interface ScheduleCursor {
  /** The next month (YYYY-MM) whose cycle starts on its first day. */
  nextMonth: string;
  /** The next year whose evaluation is requested on the policy's day. */
  nextEvaluationYear: number;
  /** The next anniversary of the effective date, in years served. */
  nextAnniversary: number;
}

/** The first month with a full cycle: the effective month when it starts on the 1st, else the next one. */
export function initialCursor(effectiveFrom: IsoDay): ScheduleCursor {
  const month = effectiveFrom.slice(0, 7);
  const year = Number(effectiveFrom.slice(0, 4));
  return {
    nextMonth: effectiveFrom.endsWith('-01') ? month : nextMonth(month),
    // A year is evaluated when the assignment was in effect for most of it (from 30 June at the latest).
    nextEvaluationYear: effectiveFrom <= `${year}-06-30` ? year : year + 1,
    nextAnniversary: 1,
  };
}

export const monthStartAt = (month: string) => startOfDay(`${month}-01`);
export const evaluationRequestAt = (year: number, policy: Policy['evaluation']) =>
  startOfDay(`${year}-${policy.requestOn}`);
export const anniversaryAt = (effectiveFrom: IsoDay, years: number) => startOfDay(addYears(effectiveFrom, years));

/**
 * The cursor of an assignment already in force when the province moved in: the system charges
 * nothing before the import day. Months from the import's (the workflow moves it on when that month's plan is already
 * due: takeOverImported); the evaluation of a year the system saw most of, as initialCursor says of an effective date; the
 * next anniversary after the years already served (counted from `servedFrom`: the effective date, or an earlier start
 * the roster line gave), which the workflow takes over at once.
 */
export function importCursor(servedFrom: IsoDay, importedOn: IsoDay): ScheduleCursor {
  let served = 0;
  while (anniversaryAt(servedFrom, served + 1) <= startOfDay(importedOn)) served += 1;
  return {
    nextMonth: importedOn.slice(0, 7),
    nextEvaluationYear: initialCursor(importedOn).nextEvaluationYear,
    nextAnniversary: served + 1,
  };
}
