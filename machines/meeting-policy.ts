import { z } from 'zod';
import { dayOf, startOfDay, WorkingCalendar } from './calendar';

/**
 * The bodies whose meetings a monitoring official attends on the leader in charge's approval (Đ5.2): the party
 * executive committee (BCH), its standing committee (BTV), the party affairs committee (ban cán sự đảng), the party
 * delegation (đảng đoàn), and the area's collective leadership (tập thể lãnh đạo).
 */
export const MEETING_BODIES = ['BCH', 'BTV', 'BAN_CAN_SU_DANG', 'DANG_DOAN', 'TAP_THE_LANH_DAO'] as const;
export type MeetingBody = (typeof MEETING_BODIES)[number];

const HOUR_MS = 60 * 60 * 1000;
/** The Board's working hours, local time: an offset in working hours counts only these. */
export const WORKING_DAY_STARTS_AT_HOUR = 8;
export const WORKING_DAY_ENDS_AT_HOUR = 17;

/** A span before an instant, in working days or working hours, as the Board sets it. */
export const OffsetSchema = z.object({
  amount: z.number().int().min(0).max(480),
  unit: z.enum(['WORKING_DAYS', 'WORKING_HOURS']),
});
export type Offset = z.infer<typeof OffsetSchema>;

/**
 * Meetings and the group's own work: when attendance must be decided (Đ5.2), the meeting report
 * (Đ7.A.5), the group's sessions (Đ7.B.2; seed 002: quarterly) and the share of time in the field (seed 002: a third).
 */
export const MeetingPolicySchema = z.object({
  approval: z.object({
    /** The leader in charge is reminded of an undecided request this long before the meeting. */
    reminderBefore: OffsetSchema,
    /** Still undecided this long before the meeting: escalated to the Head of Board. */
    escalateBefore: OffsetSchema,
  }),
  report: z.object({
    dueWorkingDaysAfter: z.number().int().min(1).max(20),
    reminderWorkingDaysBefore: z.number().int().min(0).max(10),
    /** After a miss: the group leader at once (or the leader in charge when the attendee leads), then the next rung. */
    escalateAfterWorkingDays: z.number().int().min(1).max(20),
    closeUnfiledAfterWorkingDays: z.number().int().min(1).max(60),
  }),
  groupSessions: z.object({ minimumPerQuarter: z.number().int().min(0).max(13) }),
  fieldTime: z.object({ targetShareOfWorkingDays: z.number().min(0).max(1) }),
});
export type MeetingPolicy = z.infer<typeof MeetingPolicySchema>;

export const DEFAULT_MEETING_POLICY: MeetingPolicy = MeetingPolicySchema.parse({
  approval: {
    reminderBefore: { amount: 2, unit: 'WORKING_DAYS' },
    escalateBefore: { amount: 4, unit: 'WORKING_HOURS' },
  },
  report: {
    dueWorkingDaysAfter: 2,
    reminderWorkingDaysBefore: 1,
    escalateAfterWorkingDays: 2,
    closeUnfiledAfterWorkingDays: 10,
  },
  groupSessions: { minimumPerQuarter: 1 },
  fieldTime: { targetShareOfWorkingDays: 1 / 3 },
});

/**
 * The instant `offset` before `at`: for working days, the same time of day that many working days earlier; for
 * working hours, counting back only the working hours of working days (08:00–17:00 local). Pure: workflows use it.
 */
export function instantBefore(at: number, offset: Offset, calendar: WorkingCalendar): number {
  const day = dayOf(at);
  if (offset.unit === 'WORKING_DAYS')
    return at - startOfDay(day) + startOfDay(calendar.subtractWorkingDays(day, offset.amount));
  let remaining = offset.amount * HOUR_MS;
  let cursor = at;
  for (let guard = 0; remaining > 0 && guard < 10_000; guard += 1) {
    const today = dayOf(cursor);
    const opens = startOfDay(today) + WORKING_DAY_STARTS_AT_HOUR * HOUR_MS;
    const closes = startOfDay(today) + WORKING_DAY_ENDS_AT_HOUR * HOUR_MS;
    if (calendar.isWorkingDay(today) && cursor > opens) {
      const from = Math.min(cursor, closes);
      const available = from - opens;
      if (remaining <= available) return from - remaining;
      remaining -= available;
    }
    const previous = calendar.subtractWorkingDays(today, 1);
    cursor = startOfDay(previous) + WORKING_DAY_ENDS_AT_HOUR * HOUR_MS;
  }
  return cursor;
}

/** `YYYY-Qn` of a local day. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The first day of a quarter and the first day of the next. */
export function quarterBounds(quarter: string): { first: string; next: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const month = (q - 1) * 3 + 1;
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(month + 3).padStart(2, '0')}-01`;
  return { first, next };
}
