/** What the pages read out of an assignment's timeline (GET /assignments/:id/timeline). */
import type { TimelineEvent } from './types';

export type FilingStatus = 'due' | 'overdue' | 'escalated' | 'filed' | 'filedLate' | 'notFiled';

/** Missed deadlines, late and never-filed filings: the evidence a decision weighs. */
export function deadlineEvidence(events: TimelineEvent[]) {
  const missed = events.filter((e) => e.action.endsWith('_DEADLINE_MISSED'));
  const late = events.filter((e) => e.action.endsWith('_FILED_LATE'));
  const notFiled = events.filter((e) => e.action.endsWith('_NOT_FILED'));
  const escalated = events.filter((e) => e.action.endsWith('_ESCALATED'));
  return { missed, late, notFiled, escalated };
}

/** Events grouped by label, with how many and the latest: "Quá hạn báo cáo tháng ×35 (06/11/2029)". */
export function countByLabel(events: TimelineEvent[]): { label: string; count: number; latest: string }[] {
  const groups = new Map<string, { label: string; count: number; latest: string }>();
  for (const event of events) {
    const label = eventLabel(event);
    const group = groups.get(label) ?? { label, count: 0, latest: event.at };
    group.count += 1;
    if (event.at > group.latest) group.latest = event.at;
    groups.set(label, group);
  }
  return [...groups.values()];
}

/** The period (YYYY-MM) an event concerns, when the timeline names its entity (`<assignment>/<subject>/<period>`). */
function periodOf(event: TimelineEvent): string | undefined {
  const payloadPeriod = event.payload?.period ?? event.payload?.reference;
  if (typeof payloadPeriod === 'string' && /^\d{4}-\d{2}$/.test(payloadPeriod)) return payloadPeriod;
  const match = event.entityId ? /(\d{4}-\d{2})$/.exec(event.entityId) : null;
  return match?.[1];
}

export interface MonthFiling {
  status: FilingStatus;
  dueAt?: string;
}

const NEXT_STATUS: Record<string, FilingStatus> = {
  DEADLINE_OPENED: 'due',
  DEADLINE_MISSED: 'overdue',
  ESCALATED: 'escalated',
  FILED: 'filed',
  FILED_LATE: 'filedLate',
  NOT_FILED: 'notFiled',
};

/** The statuses a step can follow: an on-time filing or a miss is of a month still due, the rest of an overdue one. */
const FROM_STATUSES: Record<string, FilingStatus[]> = {
  DEADLINE_MISSED: ['due'],
  FILED: ['due'],
  ESCALATED: ['overdue', 'escalated'],
  FILED_LATE: ['overdue', 'escalated'],
  NOT_FILED: ['overdue', 'escalated'],
};

/**
 * Per month, the state of the plan and the report as the timeline tells it.
 *
 * An event that names its period (an `entityId` ending in YYYY-MM, or a payload period) goes to that month. The
 * timeline does not name it today, so the months are otherwise read off the workflow's order: a month's deadlines
 * open at the start of the month (that month), and each later step of the plan (or of the report) belongs to the
 * oldest month whose plan (report) is in the state the step follows: a miss or an on-time filing to the oldest one
 * still due, an escalation, a late filing or a closing to the oldest overdue one. Deadlines of one kind fall due
 * in month order, so this holds unless a month's report is filed before the previous month's, while both are still
 * due.
 */
export function monthlyFilings(events: TimelineEvent[]): Map<string, { plan?: MonthFiling; report?: MonthFiling }> {
  const months = new Map<string, { plan?: MonthFiling; report?: MonthFiling }>();
  for (const event of events) {
    const match = /^MONTHLY_(PLAN|REPORT)_(.+)$/.exec(event.action);
    if (!match) continue;
    const item = match[1] === 'PLAN' ? 'plan' : 'report';
    const step = match[2]!;
    const status = NEXT_STATUS[step];
    if (!status) continue; // reminders, and the "met" that follows an on-time filing
    let period = periodOf(event);
    if (!period && step === 'DEADLINE_OPENED') period = monthOf(event.at);
    if (!period) {
      const from = FROM_STATUSES[step] ?? [];
      period = [...months.entries()]
        .filter(([, m]) => m[item] && from.includes(m[item]!.status))
        .map(([p]) => p)
        .sort()[0];
    }
    if (!period) continue;
    const month = months.get(period) ?? {};
    const dueAt = (event.dueAt ?? event.payload?.dueAt) as string | undefined;
    month[item] = { status, dueAt: dueAt ?? month[item]?.dueAt };
    months.set(period, month);
  }
  return months;
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

/** The timeline's own label, in the language it was asked for (`?lang=`). */
export function eventLabel(event: TimelineEvent): string {
  return event.label;
}
