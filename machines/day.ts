import { z } from 'zod';

/**
 * The days the product deals in: decisions, effective dates, plans, complaints. A calendar day (YYYY-MM-DD) within a
 * sensible window, so that a typo such as 0001-01-01 or 9999-12-31 is a 400 naming the field, not a workflow that
 * computes an invalid instant for ever. Years before 2000 come in by import, not as live proposals.
 */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY = '2100-12-31';

export const DaySchema = z.iso
  .date()
  .refine((day) => day >= EARLIEST_DAY && day <= LATEST_DAY, `a date between ${EARLIEST_DAY} and ${LATEST_DAY}`);
