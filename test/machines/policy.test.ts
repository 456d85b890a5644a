/**
 * The rules a policy version keeps with itself, what a draft changes against the version it follows, and when a
 * version may be published: pure functions, checked without a server.
 */
import { describe, expect, it } from 'vitest';
import { statutoryDaysOff } from '../../activities/vietnam-holidays';
import { lastDayOfMonth, WorkingCalendar } from '../../machines/calendar';
import {
  DEFAULT_POLICY,
  FEWEST_WORKING_DAYS_IN_A_MONTH,
  type Policy,
  policyChanges,
  policyContradictions,
} from '../../machines/policy';
import { versionInForce, versionRefusal } from '../../machines/programme';

const variant = (change: (p: Policy) => void): Policy => {
  const policy = structuredClone(DEFAULT_POLICY);
  change(policy);
  return policy;
};
const rules = (policy: Policy) => policyContradictions(policy).map((c) => c.rule);

describe('policyContradictions', () => {
  it('finds none in the default policy', () => {
    expect(policyContradictions(DEFAULT_POLICY)).toEqual([]);
  });

  it('names each rule a version breaks, with its field', () => {
    expect(policyContradictions(variant((p) => (p.rotation.mandatoryAfterYears = 3)))).toEqual([
      expect.objectContaining({ rule: 'ROTATION_MANDATORY_BEFORE_ELIGIBLE', field: 'rotation.mandatoryAfterYears' }),
    ]);
    expect(rules(variant((p) => (p.monthly.planDueWorkingDayOfMonth = 16)))).toEqual(['PLAN_DUE_OUTSIDE_MONTH']);
    expect(rules(variant((p) => (p.monthly.reminderWorkingDaysBefore = 5)))).toEqual(['PLAN_REMINDER_BEFORE_MONTH']);
    expect(rules(variant((p) => (p.evaluation.requestOn = '02-29')))).toEqual(['EVALUATION_REQUEST_DAY_NOT_IN_YEAR']);
    expect(rules(variant((p) => (p.evaluation.requestOn = '13-01')))).toEqual(['EVALUATION_REQUEST_DAY_NOT_IN_YEAR']);
    expect(rules(variant((p) => (p.complaint.reminderWorkingDaysBefore = 30)))).toEqual([
      'COMPLAINT_REMINDER_BEFORE_LODGING',
    ]);
    expect(rules(variant((p) => (p.meetings.approval.escalateBefore = { amount: 3, unit: 'WORKING_DAYS' })))).toEqual([
      'MEETING_ESCALATION_BEFORE_REMINDER',
    ]);
    expect(
      rules(
        variant((p) => {
          p.monthly.escalateToLeaderInChargeAfterWorkingDays = 10;
          p.meetings.report.escalateAfterWorkingDays = 10;
        }),
      ),
    ).toEqual(['MONTHLY_ESCALATION_AFTER_CLOSING', 'MEETING_REPORT_ESCALATION_AFTER_CLOSING']);
  });

  it('takes as the last possible plan day the fewest working days of any month with its public holidays', () => {
    const calendar = new WorkingCalendar(statutoryDaysOff(2024, 2040));
    let fewest = Infinity;
    for (let year = 2024; year <= 2040; year += 1)
      for (let m = 1; m <= 12; m += 1) {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const days = Number(lastDayOfMonth(month).slice(8));
        let working = 0;
        for (let d = 1; d <= days; d += 1)
          if (calendar.isWorkingDay(`${month}-${String(d).padStart(2, '0')}`)) working += 1;
        fewest = Math.min(fewest, working);
      }
    expect(fewest).toBe(FEWEST_WORKING_DAYS_IN_A_MONTH);
  });
});

describe('policyChanges', () => {
  it('lists each changed field, dotted, and not the label', () => {
    const next = variant((p) => {
      p.version = 'next';
      p.monthly.planDueWorkingDayOfMonth = 7;
      p.meetings.approval.reminderBefore = { amount: 3, unit: 'WORKING_DAYS' };
    });
    expect(policyChanges(DEFAULT_POLICY, next)).toEqual([
      { field: 'meetings.approval.reminderBefore.amount', from: 2, to: 3 },
      { field: 'monthly.planDueWorkingDayOfMonth', from: 5, to: 7 },
    ]);
  });
});

describe('versionRefusal and versionInForce', () => {
  const versions = [
    { label: 'a', effectiveFrom: '2000-01-01' },
    { label: 'b', effectiveFrom: '2027-03-01' },
  ];
  const today = '2026-12-07';

  it('refuses a past day, a day in force, a day or label taken; accepts a new version from today', () => {
    expect(versionRefusal(versions, { label: 'c', effectiveFrom: '2000-01-01' }, today)?.rule).toBe(
      'VERSION_IN_EFFECT_IMMUTABLE',
    );
    expect(versionRefusal(versions, { label: 'c', effectiveFrom: '2026-12-06' }, today)?.rule).toBe(
      'EFFECTIVE_DATE_IN_PAST',
    );
    expect(versionRefusal(versions, { label: 'c', effectiveFrom: '2027-03-01' }, today)?.rule).toBe(
      'VERSION_DAY_TAKEN',
    );
    expect(versionRefusal(versions, { label: 'b', effectiveFrom: '2027-04-01' }, today)?.rule).toBe(
      'VERSION_LABEL_TAKEN',
    );
    expect(versionRefusal(versions, { label: 'c', effectiveFrom: today }, today)).toBeNull();
  });

  it('takes the latest version in effect on a day', () => {
    expect(versionInForce(versions, '2027-02-28')?.label).toBe('a');
    expect(versionInForce(versions, '2027-03-01')?.label).toBe('b');
    expect(versionInForce(versions, '1999-12-31')).toBeUndefined();
  });
});
