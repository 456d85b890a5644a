/**
 * The month's plan and report as the API records them (`GET /assignments/:id/months`, contracts/months.ts): the due
 * date, the deadline's state, when filed and whether late, and how far a miss was escalated. The page shows these as
 * they are; nothing is inferred from the timeline.
 */

import type { Filing, PlanFiling } from '../../contracts/months';

export type { Filing, MonthFilings, Months, PlanFiling } from '../../contracts/months';

/** A filing or deadline the API has not recorded (the month's cycle has not opened it yet). */
export const NOT_OPENED: Filing = { dueAt: null, deadline: null, filedAt: null, late: null, escalationLevel: 0 };
export const PLAN_NOT_OPENED: PlanFiling = { ...NOT_OPENED, content: null, plannedFor: null, place: null };

export type FilingStatus = 'notOpened' | 'open' | 'filed' | 'filedLate' | 'missed' | 'cancelled';

/** What to tell the official about one filing: filed (on time or late), still open, missed and not filed, cancelled. */
export function filingStatus(filing: Filing): FilingStatus {
  if (filing.filedAt) return filing.late ? 'filedLate' : 'filed';
  switch (filing.deadline) {
    case 'OPEN':
      return 'open';
    case 'MISSED':
      return 'missed';
    case 'CANCELLED':
      return 'cancelled';
    case 'MET': // the deadline says it was met on time
      return 'filed';
    case null:
      return 'notOpened';
  }
}

/** The month before a YYYY-MM. */
export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The YYYY-MM of an instant, in Vietnam. */
export function monthOf(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().slice(0, 7);
}
