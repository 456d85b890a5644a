/**
 * The organisation's records over time. A day is stored as its UTC midnight, as group memberships always were; a
 * period runs from `from` (inclusive; null: since before the records were kept) until `until` (exclusive; null: still
 * in force). A change is recorded once it has taken effect, on its day or later, and dated back to its day: the
 * records "in force today" (the official's position, the area's leader in charge, the group's leader) are then what the
 * rest of the product reads, without a clock of their own to move them.
 */
import { dayOf } from '../../machines/calendar';
import { RULE_VIOLATED } from '../../machines/rules';
import { Refusal } from '../refusal';

export const dayDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
export const dayText = (date: Date): string => date.toISOString().slice(0, 10);
export const dayOrNull = (date: Date | null): string | null => (date ? dayText(date) : null);

/** Today in Vietnam, as the organisation's records date it. */
export const today = (): string => dayOf(Date.now());

/** A 422 naming the rule, as the workflows' refusals are answered. */
export const ruleViolated = (rule: string, message: string, extra: Record<string, unknown> = {}) =>
  new Refusal(422, RULE_VIOLATED, message, { rule, ...extra });

/** Refuses a change dated after today: it is recorded when it takes effect. */
export function refuseFutureDay(day: string, field: string): void {
  if (day > today())
    throw ruleViolated(
      'EFFECTIVE_IN_FUTURE',
      `${field} is ${day}, after today (${today()}): a change is recorded once it has taken effect`,
      { field },
    );
}

/** Periods (nullable `from`) in force on `on`, as a query filter. */
export const periodInForce = (on: Date) => ({
  AND: [{ OR: [{ from: null }, { from: { lte: on } }] }, { OR: [{ until: null }, { until: { gt: on } }] }],
});

/** The same test on a row already read. */
export const inForceOn =
  (on: Date) =>
  (p: { from: Date | null; until: Date | null }): boolean =>
    (!p.from || p.from <= on) && (!p.until || p.until > on);

/** Whether an official with these dates is with the Board on `on`. */
export const servingOn = (on: Date, o: { activeFrom: Date | null; activeUntil: Date | null }): boolean =>
  (!o.activeFrom || o.activeFrom <= on) && (!o.activeUntil || o.activeUntil > on);
