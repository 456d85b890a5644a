/** What the pages read out of an assignment's timeline (GET /assignments/:id/timeline). */
import type { TimelineEvent } from '../../contracts/timeline';

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

/** The timeline's own label, in the language it was asked for (`?lang=`). */
export function eventLabel(event: TimelineEvent): string {
  return event.label;
}
