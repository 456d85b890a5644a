import { z } from 'zod';

/**
 * The yearly cadence of a programme whose monitors are leaders of provincial agencies (seed 001, Quy định 26-QĐ/TU):
 * a monitoring programme for the year, reports every few months and a yearly report, the commune Party committee's
 * year-end comment, and their reminders and escalation (to the agency's head, then the Standing Committee's office).
 * Counted in working days, as the rest of a version. Seed 001 names the filings but no day or period: every number
 * here is a field of the programme's version.
 */
const MonthDaySchema = z.string().regex(/^\d{2}-\d{2}$/, 'expected MM-DD');

export const YearlyCadenceSchema = z.object({
  /** The year's monitoring programme (chương trình, kế hoạch theo dõi) is due on this day (MM-DD). */
  programmeDueOn: MonthDaySchema,
  /** A periodic report covers this many months (a divisor of 12: 3, 4, 6, 12). */
  reportEveryMonths: z.number().int().min(1).max(12),
  /** A periodic report is due this many working days after its period ends. */
  periodicReportDueWorkingDaysAfterPeriodEnd: z.number().int().min(1).max(40),
  /** The yearly report (báo cáo kết quả theo dõi một năm) is due on this day (MM-DD). */
  yearlyReportDueOn: MonthDaySchema,
  /** Every filing's reminder, this many working days before it is due. */
  reminderWorkingDaysBefore: z.number().int().min(0).max(10),
  /** A missed filing goes to the agency's head this many working days after its deadline. */
  escalateToAgencyHeadAfterWorkingDays: z.number().int().min(0).max(40),
  /** …and to the Standing Committee's office this many working days after its deadline. */
  escalateToStandingCommitteeOfficeAfterWorkingDays: z.number().int().min(1).max(60),
  /** The commune Party committee's year-end comment form (phiếu nhận xét). */
  comment: z.object({
    /** The form is sent to the commune committee on this day (MM-DD). */
    requestOn: MonthDaySchema,
    dueWorkingDaysAfterRequest: z.number().int().min(1).max(60),
    reminderWorkingDaysBefore: z.number().int().min(0).max(10),
    /** A comment still missing goes to the Standing Committee's office this many working days after it was due. */
    escalateAfterWorkingDays: z.number().int().min(1).max(40),
    /** The form's criteria, each answered in a text; absent: the defaults of machines/commune-comment.ts. */
    criteria: z
      .array(
        z.object({
          key: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'expected an upper-case key'),
          label: z.string().trim().min(1).max(300),
        }),
      )
      .min(1)
      .max(20)
      .optional(),
    /** Whether the leader monitored reads the committee's form about them; absent: no (the form is confidential). */
    leaderReadsComment: z.boolean().optional(),
  }),
});
export type YearlyCadence = z.infer<typeof YearlyCadenceSchema>;

export type YearlyCadenceRule =
  | 'YEARLY_DAY_NOT_IN_YEAR'
  | 'REPORT_PERIOD_NOT_IN_YEAR'
  | 'YEARLY_ESCALATION_ORDER'
  | 'YEARLY_REMINDER_BEFORE_PERIOD'
  | 'COMMENT_REMINDER_BEFORE_REQUEST'
  | 'COMMENT_CRITERIA_TWICE';

/** Whether `MM-DD` names a day of every year (29 February does not). */
export function isDayOfEveryYear(monthDay: string): boolean {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/**
 * What a yearly cadence contradicts in itself: a day no year has, periods that do not divide the year, the Standing
 * Committee's office told before the agency's head, a reminder before the period or request it is about. Fields are
 * dotted from the cadence (`reportEveryMonths`). Pure.
 */
export function yearlyCadenceContradictions(
  yearly: YearlyCadence,
): { rule: YearlyCadenceRule; field: string; message: string }[] {
  const found: { rule: YearlyCadenceRule; field: string; message: string }[] = [];
  for (const field of ['programmeDueOn', 'yearlyReportDueOn'] as const)
    if (!isDayOfEveryYear(yearly[field]))
      found.push({ rule: 'YEARLY_DAY_NOT_IN_YEAR', field, message: `${yearly[field]} is not a day of every year` });
  if (!isDayOfEveryYear(yearly.comment.requestOn))
    found.push({
      rule: 'YEARLY_DAY_NOT_IN_YEAR',
      field: 'comment.requestOn',
      message: `${yearly.comment.requestOn} is not a day of every year`,
    });
  if (12 % yearly.reportEveryMonths !== 0)
    found.push({
      rule: 'REPORT_PERIOD_NOT_IN_YEAR',
      field: 'reportEveryMonths',
      message: `Periods of ${yearly.reportEveryMonths} months do not divide the year`,
    });
  if (yearly.escalateToStandingCommitteeOfficeAfterWorkingDays <= yearly.escalateToAgencyHeadAfterWorkingDays)
    found.push({
      rule: 'YEARLY_ESCALATION_ORDER',
      field: 'escalateToStandingCommitteeOfficeAfterWorkingDays',
      message: "The Standing Committee's office would hear of a missed filing before the agency's head",
    });
  if (yearly.reminderWorkingDaysBefore >= yearly.periodicReportDueWorkingDaysAfterPeriodEnd)
    found.push({
      rule: 'YEARLY_REMINDER_BEFORE_PERIOD',
      field: 'reminderWorkingDaysBefore',
      message: "A periodic report's reminder would fall before its period ends",
    });
  if (yearly.comment.reminderWorkingDaysBefore >= yearly.comment.dueWorkingDaysAfterRequest)
    found.push({
      rule: 'COMMENT_REMINDER_BEFORE_REQUEST',
      field: 'comment.reminderWorkingDaysBefore',
      message: "The comment form's reminder would fall before its request",
    });
  const keys = (yearly.comment.criteria ?? []).map((c) => c.key);
  const twice = keys.find((key, i) => keys.indexOf(key) !== i);
  if (twice)
    found.push({
      rule: 'COMMENT_CRITERIA_TWICE',
      field: 'comment.criteria',
      message: `The comment form's criterion ${twice} is named twice`,
    });
  return found;
}
