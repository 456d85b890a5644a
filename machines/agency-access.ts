import { type Role, LEADERSHIP } from './roles';

/**
 * Who follows an agency's leaders' monitoring (seed 001: the agency leadership's responsibility for its own leaders):
 * Board leadership, as the Standing Committee's secretariat, and the auditor, every agency; an agency's head, their own
 * agency alone (a head today, by the agency's record). Pure.
 */
export function mayFollowAgency(reader: { userId: string; roles: readonly Role[] }, headUserIds: readonly string[]) {
  if (reader.roles.some((role) => (LEADERSHIP as readonly Role[]).includes(role) || role === 'AUDITOR')) return true;
  return reader.roles.includes('AGENCY_HEAD') && headUserIds.includes(reader.userId);
}

/** Whether a record running from `from` to `until` (Vietnam days, inclusive; null: still running) holds on `day`. */
export const holdsOn = (span: { from: string; until: string | null }, day: string) =>
  span.from <= day && (span.until === null || span.until >= day);

/** Whether such a record holds on some day of `year`. */
export const holdsIn = (span: { from: string; until: string | null }, year: number) =>
  span.from <= `${year}-12-31` && (span.until === null || span.until >= `${year}-01-01`);
