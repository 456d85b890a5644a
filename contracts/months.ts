/**
 * An assignment's months as the monthly cycles recorded them (`GET /assignments/:id/months`): each month's plan and
 * report with its due date, the deadline's state, when filed and whether late, and how far a miss was escalated.
 */
import { z } from 'zod';

export const FilingSchema = z.object({
  dueAt: z.string().nullable(),
  /** The deadline's state: OPEN, MET, MISSED (filed late or never), CANCELLED; null before the month's cycle opened it. */
  deadline: z.enum(['OPEN', 'MET', 'MISSED', 'CANCELLED']).nullable(),
  filedAt: z.string().nullable(),
  late: z.boolean().nullable(),
  /** 0 none, 1 the group leader, 2 the leader in charge. */
  escalationLevel: z.number(),
});
export type Filing = z.infer<typeof FilingSchema>;

/**
 * The plan as filed (Đ8.1: content, time, place): null before it is filed; time and place null on the plans filed
 * before both were required.
 */
export const PlanFilingSchema = FilingSchema.extend({
  content: z.string().nullable(),
  /** The field trip's day, YYYY-MM-DD. */
  plannedFor: z.string().nullable(),
  place: z.string().nullable(),
});
export type PlanFiling = z.infer<typeof PlanFilingSchema>;

export const MonthFilingsSchema = z.object({ period: z.string(), plan: PlanFilingSchema, report: FilingSchema });
export type MonthFilings = z.infer<typeof MonthFilingsSchema>;

export const MonthsSchema = z.object({
  assignmentId: z.string(),
  /**
   * For an assignment imported in force: the first month the system charges; the months before it are "before the
   * system", with no plan, report nor deadline. Null for an assignment that began in the system.
   */
  beforeTheSystemUntil: z.string().nullable(),
  /** Newest first. */
  months: z.array(MonthFilingsSchema),
});
export type Months = z.infer<typeof MonthsSchema>;
