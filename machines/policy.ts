import { z } from 'zod';
import { DEFAULT_MEETING_POLICY, MeetingPolicySchema } from './meeting-policy';
import { type YearlyCadenceRule, YearlyCadenceSchema, yearlyCadenceContradictions } from './yearly-cadence';

/**
 * Deadlines and periods a province may tune. Defaults follow the regulation (Quy chế, seed 004):
 * monthly plan and report (Đ8), yearly evaluation by the area (Đ9.5), rotation every 3 to 5 years (Đ4.2).
 * Counted in working days: weekends, public holidays (Tết included) and declared days off are skipped.
 */
export const PolicySchema = z.object({
  version: z.string().min(1),
  rotation: z.object({
    /** Mandatory after eligible: a rule of the whole version (policyContradictions), answered 422, not 400. */
    eligibleAfterYears: z.number().int().min(1).max(20),
    mandatoryAfterYears: z.number().int().min(1).max(20),
    /** While a mandatory rotation is undecided, escalate to the Head of Board this often. */
    mandatoryEscalationEveryWorkingDays: z.number().int().min(1),
  }),
  monthly: z.object({
    /** The month's field-work plan is due by this working day of the month ("đi báo việc"). */
    planDueWorkingDayOfMonth: z.number().int().min(1).max(20),
    /** The month's report is due this many working days after the month ends ("về báo công"). */
    reportDueWorkingDaysAfterMonthEnd: z.number().int().min(1).max(20),
    reminderWorkingDaysBefore: z.number().int().min(0).max(10),
    /** After a miss: the group leader is told at once; the leader in charge after this many more working days. */
    escalateToLeaderInChargeAfterWorkingDays: z.number().int().min(1).max(20),
    /** A filing still missing this many working days after its deadline is closed as not filed. */
    closeUnfiledAfterWorkingDays: z.number().int().min(1).max(60),
  }),
  evaluation: z.object({
    /** The evaluation request goes to the area committee on this day (MM-DD) each year. */
    requestOn: z.string().regex(/^\d{2}-\d{2}$/, 'expected MM-DD'),
    /** Due this many working days after the request. */
    dueWorkingDaysAfterRequest: z.number().int().min(1).max(60),
    reminderWorkingDaysBefore: z.number().int().min(0).max(10),
    escalateToLeaderInChargeAfterWorkingDays: z.number().int().min(1).max(20),
  }),
  complaint: z.object({
    verificationWorkingDays: z.number().int().min(1).max(120),
    reminderWorkingDaysBefore: z.number().int().min(0).max(20),
  }),
  /** Since 2026.2. Absent from the policies older workflows carry, hence the default. */
  decision: z
    .object({
      /**
       * How far before its decision an appointment may take effect: from the first of the decision's month (an
       * appointment decided on the 20th for the month already begun), or only from the decision's day.
       */
      effectiveFromEarliest: z.enum(['FIRST_OF_DECISION_MONTH', 'DECISION_DAY']),
    })
    .default({ effectiveFromEarliest: 'FIRST_OF_DECISION_MONTH' }),
  /** Since 2026.3. Read by the API only; absent from older policies, hence the default. */
  reports: z
    .object({
      /**
       * Whether the internal political security department (the auditor, Đ13.3) reads the content of a report on a
       * sensitive matter (Đ7.A.4), which goes to the Head of Board only. Without it the auditor sees that the report
       * exists, who sent it and when, not what it says.
       */
      auditorReadsSensitiveContent: z.boolean(),
    })
    .default({ auditorReadsSensitiveContent: false }),
  /**
   * Since 2026.4: when attendance at an area's meeting must be decided (Đ5.2), the meeting report
   * (Đ7.A.5), the group's sessions (Đ7.B.2) and the share of time in the field (seed 002). Older policies get the
   * defaults.
   */
  meetings: MeetingPolicySchema.default(DEFAULT_MEETING_POLICY),
  /**
   * Since 2026.5: the period a register's numbers run in, from 1 (machines/decision-number.ts). A Party register
   * ("QĐ/BTCTU") numbers per document type for the committee's term, from the day its congress closes (Hướng dẫn
   * 36-HD/VPTW); a State register ("QĐ-UBND") per calendar year. Older policies numbered every register per year.
   */
  register: z
    .object({
      party: z.enum(['TERM', 'CALENDAR_YEAR']),
      state: z.enum(['TERM', 'CALENDAR_YEAR']),
    })
    .default({ party: 'CALENDAR_YEAR', state: 'CALENDAR_YEAR' }),
  /**
   * The yearly programme, periodic and yearly reports and the commune committee's comment, for a programme of that
   * cadence (seed 001); absent from the versions of a programme whose cadence is monthly.
   */
  yearly: YearlyCadenceSchema.optional(),
});
export type Policy = z.infer<typeof PolicySchema>;

export const DEFAULT_POLICY: Policy = PolicySchema.parse({
  version: '2026.5',
  rotation: { eligibleAfterYears: 3, mandatoryAfterYears: 5, mandatoryEscalationEveryWorkingDays: 10 },
  monthly: {
    planDueWorkingDayOfMonth: 5,
    reportDueWorkingDaysAfterMonthEnd: 3,
    reminderWorkingDaysBefore: 2,
    escalateToLeaderInChargeAfterWorkingDays: 3,
    closeUnfiledAfterWorkingDays: 10,
  },
  evaluation: {
    requestOn: '12-01',
    dueWorkingDaysAfterRequest: 25,
    reminderWorkingDaysBefore: 5,
    escalateToLeaderInChargeAfterWorkingDays: 5,
  },
  complaint: { verificationWorkingDays: 30, reminderWorkingDaysBefore: 5 },
  decision: { effectiveFromEarliest: 'FIRST_OF_DECISION_MONTH' },
  reports: { auditorReadsSensitiveContent: false },
  meetings: DEFAULT_MEETING_POLICY,
  register: { party: 'TERM', state: 'CALENDAR_YEAR' },
});

/** The fewest working days a month has: a February holding the five days of Tết (15 in 2026). */
export const FEWEST_WORKING_DAYS_IN_A_MONTH = 15;

/** The rules a version must keep with itself: each names the field it is about, and what is wrong. */
export type PolicyRule =
  | 'ROTATION_MANDATORY_BEFORE_ELIGIBLE'
  | 'PLAN_DUE_OUTSIDE_MONTH'
  | 'PLAN_REMINDER_BEFORE_MONTH'
  | 'MONTHLY_ESCALATION_AFTER_CLOSING'
  | 'EVALUATION_REQUEST_DAY_NOT_IN_YEAR'
  | 'EVALUATION_REMINDER_BEFORE_REQUEST'
  | 'COMPLAINT_REMINDER_BEFORE_LODGING'
  | 'MEETING_ESCALATION_BEFORE_REMINDER'
  | 'MEETING_REPORT_ESCALATION_AFTER_CLOSING'
  | YearlyCadenceRule;

export interface PolicyContradiction {
  rule: PolicyRule;
  /** The field, dotted (`monthly.planDueWorkingDayOfMonth`). */
  field: string;
  message: string;
}

const WORKING_HOURS_A_DAY = 9;
const spanInHours = (offset: { amount: number; unit: 'WORKING_DAYS' | 'WORKING_HOURS' }) =>
  offset.unit === 'WORKING_DAYS' ? offset.amount * WORKING_HOURS_A_DAY : offset.amount;

/** Whether `MM-DD` names a day of every year (29 February does not). */
function isDayOfEveryYear(monthDay: string): boolean {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/**
 * What a version contradicts in itself, beyond each field's own range (the schema's): a rotation mandatory before it
 * is even open, a plan due on a working day some month does not have, a reminder due before the deadline's period
 * begins, an escalation after the filing is already closed. Empty when the version holds together. Pure.
 */
export function policyContradictions(policy: Policy): PolicyContradiction[] {
  const found: PolicyContradiction[] = [];
  const add = (rule: PolicyRule, field: string, message: string) => found.push({ rule, field, message });
  const { rotation, monthly, evaluation, complaint, meetings } = policy;
  if (rotation.mandatoryAfterYears <= rotation.eligibleAfterYears)
    add(
      'ROTATION_MANDATORY_BEFORE_ELIGIBLE',
      'rotation.mandatoryAfterYears',
      `Rotation would be mandatory after ${rotation.mandatoryAfterYears} years, not after it becomes possible (${rotation.eligibleAfterYears})`,
    );
  if (monthly.planDueWorkingDayOfMonth > FEWEST_WORKING_DAYS_IN_A_MONTH)
    add(
      'PLAN_DUE_OUTSIDE_MONTH',
      'monthly.planDueWorkingDayOfMonth',
      `Working day ${monthly.planDueWorkingDayOfMonth} falls outside a month with ${FEWEST_WORKING_DAYS_IN_A_MONTH} working days`,
    );
  if (monthly.reminderWorkingDaysBefore >= monthly.planDueWorkingDayOfMonth)
    add(
      'PLAN_REMINDER_BEFORE_MONTH',
      'monthly.reminderWorkingDaysBefore',
      `A reminder ${monthly.reminderWorkingDaysBefore} working days before the plan's day ${monthly.planDueWorkingDayOfMonth} falls before the month begins`,
    );
  if (monthly.escalateToLeaderInChargeAfterWorkingDays >= monthly.closeUnfiledAfterWorkingDays)
    add(
      'MONTHLY_ESCALATION_AFTER_CLOSING',
      'monthly.escalateToLeaderInChargeAfterWorkingDays',
      'The leader in charge would hear of a missed filing only after it is closed as not filed',
    );
  if (!isDayOfEveryYear(evaluation.requestOn))
    add(
      'EVALUATION_REQUEST_DAY_NOT_IN_YEAR',
      'evaluation.requestOn',
      `${evaluation.requestOn} is not a day of every year`,
    );
  if (evaluation.reminderWorkingDaysBefore >= evaluation.dueWorkingDaysAfterRequest)
    add(
      'EVALUATION_REMINDER_BEFORE_REQUEST',
      'evaluation.reminderWorkingDaysBefore',
      "The evaluation's reminder would fall before its request",
    );
  if (complaint.reminderWorkingDaysBefore >= complaint.verificationWorkingDays)
    add(
      'COMPLAINT_REMINDER_BEFORE_LODGING',
      'complaint.reminderWorkingDaysBefore',
      "The verification's reminder would fall before the complaint is lodged",
    );
  if (spanInHours(meetings.approval.escalateBefore) >= spanInHours(meetings.approval.reminderBefore))
    add(
      'MEETING_ESCALATION_BEFORE_REMINDER',
      'meetings.approval.escalateBefore',
      'An undecided attendance would be escalated before the leader in charge is reminded',
    );
  if (meetings.report.escalateAfterWorkingDays >= meetings.report.closeUnfiledAfterWorkingDays)
    add(
      'MEETING_REPORT_ESCALATION_AFTER_CLOSING',
      'meetings.report.escalateAfterWorkingDays',
      'A missed meeting report would be escalated only after it is closed as not filed',
    );
  if (policy.yearly)
    for (const c of yearlyCadenceContradictions(policy.yearly)) add(c.rule, `yearly.${c.field}`, c.message);
  return found;
}

/** A field of a version whose value differs from the version in force. */
export interface PolicyChange {
  field: string;
  from: unknown;
  to: unknown;
}

function leaves(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    for (const [key, inner] of Object.entries(value)) leaves(inner, prefix ? `${prefix}.${key}` : key, into);
  else into.set(prefix, value);
  return into;
}

/** Field by field (dotted), what `next` changes against `current`; the label itself is not a change. */
export function policyChanges(current: Policy, next: Policy): PolicyChange[] {
  const before = leaves(current, '', new Map());
  const after = leaves(next, '', new Map());
  const fields = [...new Set([...before.keys(), ...after.keys()])].filter((f) => f !== 'version').sort();
  return fields
    .filter((field) => JSON.stringify(before.get(field)) !== JSON.stringify(after.get(field)))
    .map((field) => ({ field, from: before.get(field) ?? null, to: after.get(field) ?? null }));
}
