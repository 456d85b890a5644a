/**
 * The monthly cycle updates' argument schemas: pure zod, no Temporal import, so the web application validates the
 * plan and report forms with the very schemas the workflow's validators use. Re-exported by monthly-cycle.messages.ts.
 */
import { z } from 'zod';
import { ActorSchema } from '../machines/actor';
import { DaySchema } from '../machines/day';

/**
 * A month's field-trip plan: Đ8.1 asks for its content, time and place ("nội dung, thời gian, địa điểm"), all three
 * required. The time is the trip's day (YYYY-MM-DD, a calendar day in Vietnam); that it lies in the plan's own month
 * is checked by `planOfMonth`, which knows the month. Plans recorded before both were required (content only) stay
 * in old histories: the workflow's handler does not parse, so they replay; only the validator and the route refuse.
 */
export const PlanSchema = z.strictObject({
  content: z.string().trim().min(1, 'the plan needs its content').max(20_000),
  plannedFor: DaySchema,
  place: z.string().trim().min(1, 'the plan needs its place').max(500),
});
export type Plan = z.infer<typeof PlanSchema>;

/** The message of a trip day outside the plan's month; `params.month` lets the web form say it in its language. */
export const PLAN_DAY_OUTSIDE_MONTH = 'PLAN_DAY_OUTSIDE_MONTH';

/** The plan of one month (YYYY-MM): its trip's day lies within that month (Đ8.1: a plan "hằng tháng"). */
export function planOfMonth(period: string) {
  return PlanSchema.extend({
    plannedFor: DaySchema.refine((day) => day.slice(0, 7) === period, {
      message: `the field trip's day lies within the plan's month, ${period}`,
      params: { rule: PLAN_DAY_OUTSIDE_MONTH, month: period },
      // Only a valid day is checked against the month: a malformed one is told once what is wrong with it.
      when: (payload) => payload.issues.length === 0,
    }),
  });
}

export const FilePlanArgsSchema = z.strictObject({ actor: ActorSchema, plan: PlanSchema });
export type FilePlanArgs = z.infer<typeof FilePlanArgsSchema>;

/** The update's argument for one month, as its workflow's validator parses it. */
export const filePlanArgsOfMonth = (period: string) => FilePlanArgsSchema.extend({ plan: planOfMonth(period) });

export const FileReportArgsSchema = z.strictObject({
  actor: ActorSchema,
  report: z.strictObject({
    situation: z.string().trim().min(1, 'the report needs the situation of the area').max(20_000),
    results: z.string().trim().min(1, 'the report needs the results').max(20_000),
    difficulties: z.string().trim().max(20_000).optional(),
    proposals: z.string().trim().max(20_000).optional(),
  }),
});
export type FileReportArgs = z.infer<typeof FileReportArgsSchema>;
