/** What the pages read out of a timeline: the evidence a decision weighs, counted by label. */
import { describe, expect, it } from 'vitest';
import { countByLabel, deadlineEvidence } from '../../web/src/timeline';
import type { TimelineEvent } from '../../contracts/timeline';

let seq = 0;
const event = (at: string, action: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  seq: (seq += 1),
  at,
  action,
  label: action,
  actorId: null,
  actorName: null,
  entityType: 'Deadline',
  fromState: null,
  toState: null,
  decisionNumber: null,
  ...extra,
});

describe('timeline evidence', () => {
  it('sorts missed deadlines, late and never-filed filings and escalations apart', () => {
    const evidence = deadlineEvidence([
      event('2027-01-06T17:00:00Z', 'MONTHLY_REPORT_DEADLINE_MISSED'),
      event('2027-01-06T17:00:00Z', 'MONTHLY_REPORT_ESCALATED'),
      event('2027-01-07T05:00:00Z', 'MONTHLY_REPORT_FILED_LATE'),
      event('2027-01-08T17:00:00Z', 'MONTHLY_PLAN_DEADLINE_MISSED'),
      event('2027-01-22T17:00:00Z', 'MONTHLY_PLAN_NOT_FILED'),
      event('2027-01-02T05:00:00Z', 'MONTHLY_PLAN_FILED'),
    ]);
    expect(evidence.missed.map((e) => e.action)).toEqual([
      'MONTHLY_REPORT_DEADLINE_MISSED',
      'MONTHLY_PLAN_DEADLINE_MISSED',
    ]);
    expect(evidence.late.map((e) => e.action)).toEqual(['MONTHLY_REPORT_FILED_LATE']);
    expect(evidence.notFiled.map((e) => e.action)).toEqual(['MONTHLY_PLAN_NOT_FILED']);
    expect(evidence.escalated.map((e) => e.action)).toEqual(['MONTHLY_REPORT_ESCALATED']);
  });

  it('counts events by label, with the latest', () => {
    const groups = countByLabel([
      event('2027-01-01T00:00:00Z', 'A'),
      event('2027-02-01T00:00:00Z', 'A'),
      event('2027-01-15T00:00:00Z', 'B'),
    ]);
    expect(groups).toEqual([
      { label: 'A', count: 2, latest: '2027-02-01T00:00:00Z' },
      { label: 'B', count: 1, latest: '2027-01-15T00:00:00Z' },
    ]);
  });
});
