/**
 * The month's plan and report as the API records them (`GET /assignments/:id/months`, api/routes/months.ts): the due
 * date, the deadline's state, when filed and whether late, and how far a miss was escalated. The page shows these as
 * they are; nothing is inferred from the timeline.
 */

export interface Filing {
  dueAt: string | null;
  /** OPEN, MET, MISSED (filed late or never), CANCELLED; null before the month's cycle opened the deadline. */
  deadline: 'OPEN' | 'MET' | 'MISSED' | 'CANCELLED' | null;
  filedAt: string | null;
  late: boolean | null;
  /** 0 none, 1 the group leader, 2 the leader in charge. */
  escalationLevel: number;
}

/** The plan as filed (Đ8.1): its content, the field trip's day (YYYY-MM-DD) and place; null until filed. */
export interface PlanFiling extends Filing {
  content: string | null;
  /** Null too on plans filed before the day and place were required. */
  plannedFor: string | null;
  place: string | null;
}

export interface MonthFilings {
  period: string;
  plan: PlanFiling;
  report: Filing;
}

export interface Months {
  assignmentId: string;
  /** An assignment imported in force: its first month in the system; the months before read "before the system". */
  beforeTheSystemUntil?: string | null;
  /** Newest first. */
  months: MonthFilings[];
}

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
