/**
 * Time as the dashboard reads it. "Now" is the server's wall clock, or the `asOf` query parameter: leaders look
 * ahead with it, and tests look at a time-skipped world with it. Days are counted on Vietnam's calendar.
 */
import { dayOf, startOfDay } from '../../machines/calendar';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant a query is answered for. */
export const nowOf = (query: { asOf?: Date | undefined }): Date => query.asOf ?? new Date();

/** Calendar days in Vietnam from the day of `from` to the day of `to`. */
export const daysBetween = (from: Date, to: Date) =>
  Math.round((startOfDay(dayOf(to.getTime())) - startOfDay(dayOf(from.getTime()))) / DAY_MS);

/** The end of a look-ahead window of `days` from `asOf`. */
export const horizonOf = (asOf: Date, days: number) => new Date(asOf.getTime() + days * DAY_MS);
