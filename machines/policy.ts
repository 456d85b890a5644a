import { z } from 'zod';
import { DEFAULT_MEETING_POLICY, MeetingPolicySchema } from './meeting-policy';

/**
 * Deadlines and periods a province may tune. Defaults follow the regulation (Quy chế, seed 004):
 * monthly plan and report (Đ8), yearly evaluation by the area (Đ9.5), rotation every 3 to 5 years (Đ4.2).
 * Counted in working days: weekends, public holidays (Tết included) and declared days off are skipped.
 */
export const PolicySchema = z.object({
  version: z.string().min(1),
  rotation: z
    .object({
      eligibleAfterYears: z.number().int().min(1),
      mandatoryAfterYears: z.number().int().min(1),
      /** While a mandatory rotation is undecided, escalate to the Head of Board this often. */
      mandatoryEscalationEveryWorkingDays: z.number().int().min(1),
    })
    .refine((r) => r.mandatoryAfterYears > r.eligibleAfterYears, {
      message: 'mandatoryAfterYears must be greater than eligibleAfterYears',
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
});
export type Policy = z.infer<typeof PolicySchema>;

export const DEFAULT_POLICY: Policy = PolicySchema.parse({
  version: '2026.4',
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
});
