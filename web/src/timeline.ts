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

/**
 * Per month, the state of the plan and the report as the timeline tells it. Only events that name their period count;
 * a month without any stays unknown (the page then shows the rule for the deadline).
 */
export function monthlyFilings(events: TimelineEvent[]): Map<string, { plan?: MonthFiling; report?: MonthFiling }> {
  const months = new Map<string, { plan?: MonthFiling; report?: MonthFiling }>();
  for (const event of events) {
    const match = /^MONTHLY_(PLAN|REPORT)_(.+)$/.exec(event.action);
    const period = match ? periodOf(event) : undefined;
    if (!match || !period) continue;
    const item = match[1] === 'PLAN' ? 'plan' : 'report';
    const month = months.get(period) ?? {};
    const current = month[item] ?? { status: 'due' as FilingStatus };
    const dueAt = (event.dueAt ?? event.payload?.dueAt) as string | undefined;
    const next: Record<string, FilingStatus> = {
      DEADLINE_OPENED: 'due',
      DEADLINE_MISSED: 'overdue',
      ESCALATED: 'escalated',
      FILED: 'filed',
      FILED_LATE: 'filedLate',
      NOT_FILED: 'notFiled',
    };
    const status = next[match[2]!];
    month[item] = { status: status ?? current.status, dueAt: dueAt ?? current.dueAt };
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
