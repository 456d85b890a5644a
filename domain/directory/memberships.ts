/** Group memberships over time: in force from `since`, until `until` (exclusive) or open-ended. */
import type { Prisma } from '../../prisma/database';
import { iso, isoOrNull } from './views';

/** Memberships in force at `now`, as a query filter. */
export const membershipInForce = (now: Date): Prisma.GroupMembershipWhereInput => ({
  since: { lte: now },
  OR: [{ until: null }, { until: { gt: now } }],
});

/** The same test on a row already read. */
export const isInForce = (now: Date) => (m: { since: Date; until: Date | null }) =>
  m.since <= now && (!m.until || m.until > now);

/** A membership with its dates as the API writes them. */
export const datedMembership = <Row extends { since: Date; until: Date | null }>(m: Row) => ({
  ...m,
  since: iso(m.since),
  until: isoOrNull(m.until),
});
