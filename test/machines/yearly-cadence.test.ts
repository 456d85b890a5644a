/**
 * The yearly cadence of a programme whose monitors are leaders of provincial agencies (seed 001): the demonstration's
 * first version of Quy định 26 holds together, the Board's versions stay valid without it, and a cadence at odds with
 * itself names its rule and field.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy, PolicySchema, policyContradictions } from '../../machines/policy';
import { PROGRAMME_26_FIRST_VERSION } from '../../prisma/demo/programme-26';

const yearlyVariant = (change: (y: NonNullable<Policy['yearly']>) => void): Policy => {
  const policy = structuredClone(PROGRAMME_26_FIRST_VERSION);
  change(policy.yearly!);
  return policy;
};

describe('the yearly cadence in a version', () => {
  it("keeps the Board's version valid without it, and the second programme's first version whole", () => {
    expect(PolicySchema.parse(DEFAULT_POLICY).yearly).toBeUndefined();
    expect(policyContradictions(DEFAULT_POLICY)).toEqual([]);
    expect(PolicySchema.parse(JSON.parse(JSON.stringify(PROGRAMME_26_FIRST_VERSION)))).toEqual(
      PROGRAMME_26_FIRST_VERSION,
    );
    expect(policyContradictions(PROGRAMME_26_FIRST_VERSION)).toEqual([]);
  });

  it('refuses a field out of range by the schema, naming the field', () => {
    const bad = yearlyVariant((y) => (y.reportEveryMonths = 0));
    const parsed = PolicySchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['yearly', 'reportEveryMonths']);
  });

  it('names each contradiction with its rule and dotted field', () => {
    const rules = (p: Policy) => policyContradictions(p).map((c) => [c.rule, c.field]);
    expect(rules(yearlyVariant((y) => (y.reportEveryMonths = 5)))).toEqual([
      ['REPORT_PERIOD_NOT_IN_YEAR', 'yearly.reportEveryMonths'],
    ]);
    expect(rules(yearlyVariant((y) => (y.programmeDueOn = '02-29')))).toEqual([
      ['YEARLY_DAY_NOT_IN_YEAR', 'yearly.programmeDueOn'],
    ]);
    expect(rules(yearlyVariant((y) => (y.escalateToStandingCommitteeOfficeAfterWorkingDays = 3)))).toEqual([
      ['YEARLY_ESCALATION_ORDER', 'yearly.escalateToStandingCommitteeOfficeAfterWorkingDays'],
    ]);
    expect(rules(yearlyVariant((y) => (y.reminderWorkingDaysBefore = 10)))).toEqual([
      ['YEARLY_REMINDER_BEFORE_PERIOD', 'yearly.reminderWorkingDaysBefore'],
    ]);
    expect(rules(yearlyVariant((y) => (y.comment.dueWorkingDaysAfterRequest = 5)))).toEqual([
      ['COMMENT_REMINDER_BEFORE_REQUEST', 'yearly.comment.reminderWorkingDaysBefore'],
    ]);
  });
});
