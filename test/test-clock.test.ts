import { describe, expect, it } from 'vitest';
import { dayOf, startOfDay } from '../machines/calendar';
import { chosenTodays, daysAtOnce } from '../scripts/date-check';
import { quietInstantFrom } from './support/test-clock';

const HOUR_MS = 60 * 60 * 1000;
/** An instant at a local (Vietnam) hour of a day. */
const at = (day: string, hour: number) => startOfDay(day) + hour * HOUR_MS;
const localHourOf = (instantMs: number) => (instantMs - startOfDay(dayOf(instantMs))) / HOUR_MS;

describe('the instant a suite on the time-skipping server starts at', () => {
  it('is now itself on a quiet working morning', () => {
    const now = at('2027-03-17', 10.5);
    expect(quietInstantFrom(now)).toBe(now);
  });

  it.each([
    ['the first of a month', at('2027-03-01', 10), '2027-03-03'],
    ['the last day of a month', at('2027-03-31', 10), '2027-04-05'],
    ['1 December, when evaluations open', at('2027-12-01', 9), '2027-12-03'],
    ['the evening before a quiet day', at('2027-03-16', 20), '2027-03-17'],
    ['a Saturday', at('2027-03-20', 10), '2027-03-22'],
  ])('moves past %s', (_what, now, expectedDay) => {
    const start = quietInstantFrom(now);
    expect(dayOf(start)).toBe(expectedDay);
    expect(localHourOf(start)).toBe(9);
  });

  it('moves past Tết and the days off around it', () => {
    // Tết Đinh Mùi falls on 6 February 2027; its five days off run from 4 to 8 February, with compensatory days.
    const start = quietInstantFrom(at('2027-02-06', 10));
    expect(dayOf(start) > '2027-02-10').toBe(true);
    expect(dayOf(quietInstantFrom(at('2027-01-28', 10))) > '2027-02-10').toBe(true);
  });

  it('moves past the 30 April and 1 May holidays', () => {
    expect(dayOf(quietInstantFrom(at('2027-04-22', 10))) >= '2027-05-05').toBe(true);
  });

  it('never starts in the last days of a month, on the first two, or at the weekend', () => {
    for (let now = at('2026-01-01', 0); now < at('2028-01-01', 0); now += 7 * HOUR_MS) {
      const day = dayOf(quietInstantFrom(now));
      const dayOfMonth = Number(day.slice(8));
      expect(dayOfMonth).toBeGreaterThanOrEqual(3);
      expect(dayOfMonth).toBeLessThanOrEqual(26);
      expect([0, 6]).not.toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
    }
  });
});

describe('the days the date check runs the date-sensitive suites on (scripts/date-check.ts)', () => {
  it('are the next first and last day of a month, 1 December and Tết after the real today', () => {
    expect(chosenTodays('2026-12-03').map((c) => c.day)).toEqual([
      '2027-01-01',
      '2026-12-31',
      '2027-12-01',
      '2027-02-06',
    ]);
    expect(chosenTodays('2026-11-30').map((c) => c.day)).toEqual([
      '2026-12-01',
      '2026-12-31',
      '2026-12-01',
      '2027-02-06',
    ]);
    expect(chosenTodays('2027-02-06').map((c) => c.day)).toEqual([
      '2027-03-01',
      '2027-02-28',
      '2027-12-01',
      '2028-01-26',
    ]);
  });
});

describe('how many days the date check runs at once (DATE_CHECK_DAYS_AT_ONCE)', () => {
  it('is two unless set, and a whole number from 1 up; anything else is refused, not zero days run', () => {
    expect(daysAtOnce(undefined)).toBe(2);
    expect(daysAtOnce('1')).toBe(1);
    expect(daysAtOnce('4')).toBe(4);
    for (const bad of ['two', '0', '-1', '1.5', ''])
      expect(() => daysAtOnce(bad)).toThrow(/DATE_CHECK_DAYS_AT_ONCE must be a whole number/);
  });
});
