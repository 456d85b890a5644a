/** Group memberships over time: in force from `since`, until `until` (exclusive) or open-ended. */
import { dayOf } from '../../machines/calendar';
import type { Prisma } from '../../prisma/database';
import { iso, isoOrNull } from './views';

/**
 * A membership begins and ends on days, recorded as the day's 00:00 UTC; the day is Vietnam's. So one that begins today
 * in Vietnam is in force and one that ends today has ended, whatever the hour in UTC: the dates are compared with the
 * start of `now`'s day in Vietnam, not with `now`.
 */
export const startOfDayInVietnam = (now: Date): Date => new Date(`${dayOf(now.getTime())}T00:00:00.000Z`);

/** Memberships in force at `now`, as a query filter. */
export const membershipInForce = (now: Date): Prisma.GroupMembershipWhereInput => ({
  since: { lte: startOfDayInVietnam(now) },
  OR: [{ until: null }, { until: { gt: startOfDayInVietnam(now) } }],
});

/** The same test on a row already read. */
export const isInForce = (now: Date) => (m: { since: Date; until: Date | null }) =>
  m.since <= startOfDayInVietnam(now) && (!m.until || m.until > startOfDayInVietnam(now));

/** A membership with its dates as the API writes them. */
export const datedMembership = <Row extends { since: Date; until: Date | null }>(m: Row) => ({
  ...m,
  since: iso(m.since),
  until: isoOrNull(m.until),
});
