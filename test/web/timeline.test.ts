/** The official page's reading of a timeline: which month each plan and report step belongs to. */
import { describe, expect, it } from 'vitest';
import { countByLabel, monthlyFilings, monthOf, previousMonth } from '../../web/src/timeline';
import type { TimelineEvent } from '../../web/src/types';

let seq = 0;
const event = (at: string, action: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  seq: (seq += 1),
  at,
  action,
  label: action,
  actorId: null,
  entityType: 'Deadline',
  fromState: null,
  toState: null,
  decisionNumber: null,
  ...extra,
});
/** Midnight of the 1st in Vietnam, as the monthly cycle opens its deadlines. */
const opening = (month: string) => new Date(Date.parse(`${month}-01T00:00:00+07:00`)).toISOString();

describe('monthlyFilings', () => {
  it('reads each month off the order of the workflow when the timeline does not name it', () => {
    const months = monthlyFilings([
      event(opening('2026-12'), 'MONTHLY_PLAN_DEADLINE_OPENED'),
      event(opening('2026-12'), 'MONTHLY_REPORT_DEADLINE_OPENED'),
      event('2026-12-02T05:00:00Z', 'MONTHLY_PLAN_FILED'),
      event(opening('2027-01'), 'MONTHLY_PLAN_DEADLINE_OPENED'),
      event(opening('2027-01'), 'MONTHLY_REPORT_DEADLINE_OPENED'),
      event('2027-01-05T17:00:00Z', 'MONTHLY_REPORT_REMINDER_SENT'),
      // December's report is missed and filed late while January's is still due.
      event('2027-01-06T17:00:00Z', 'MONTHLY_REPORT_DEADLINE_MISSED'),
      event('2027-01-06T17:00:00Z', 'MONTHLY_REPORT_ESCALATED'),
      event('2027-01-07T05:00:00Z', 'MONTHLY_REPORT_FILED_LATE'),
      // January's plan is missed, then closed as never filed.
      event('2027-01-08T17:00:00Z', 'MONTHLY_PLAN_DEADLINE_MISSED'),
      event('2027-01-22T17:00:00Z', 'MONTHLY_PLAN_NOT_FILED'),
    ]);
    expect(Object.fromEntries(months)).toEqual({
      '2026-12': { plan: { status: 'filed' }, report: { status: 'filedLate' } },
      '2027-01': { plan: { status: 'notFiled' }, report: { status: 'due' } },
    });
  });

  it('prefers the period the event names, with its due date', () => {
    const months = monthlyFilings([
      event(opening('2027-03'), 'MONTHLY_REPORT_DEADLINE_OPENED', { entityId: 'a1/MONTHLY_REPORT/2027-03', dueAt: '2027-04-03T16:59:59.999Z' }),
      event('2027-03-30T05:00:00Z', 'MONTHLY_REPORT_FILED', { entityId: 'a1/2027-03', entityType: 'MonthlyReport' }),
    ]);
    expect(months.get('2027-03')).toEqual({ report: { status: 'filed', dueAt: '2027-04-03T16:59:59.999Z' } });
  });
});

describe('helpers', () => {
  it('months in Vietnam, the month before, and evidence counted by label', () => {
    expect(monthOf('2026-11-30T17:00:00.000Z')).toBe('2026-12');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2027-10')).toBe('2027-09');
    const groups = countByLabel([event('2027-01-01T00:00:00Z', 'A'), event('2027-02-01T00:00:00Z', 'A'), event('2027-01-15T00:00:00Z', 'B')]);
    expect(groups).toEqual([
      { label: 'A', count: 2, latest: '2027-02-01T00:00:00Z' },
      { label: 'B', count: 1, latest: '2027-01-15T00:00:00Z' },
    ]);
  });
});
