import { describe, expect, it } from 'vitest';
import { statutoryDaysOff } from '../../activities/vietnam-holidays';
import { dayOf, endOfDay, WorkingCalendar } from '../../machines/calendar';

describe('working calendar', () => {
  const calendar = new WorkingCalendar(statutoryDaysOff(2027, 2027));

  it('knows Tết 2027: five days around the lunar new year (6 February 2027)', () => {
    const days = statutoryDaysOff(2027, 2027);
    for (const day of ['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'])
      expect(days).toContain(day);
    expect(calendar.isWorkingDay('2027-02-05')).toBe(false);
  });

  it('skips weekends and Tết when counting working days', () => {
    // Wed 3 Feb 2027 + 3 working days: Thu 4..Mon 8 are Tết or weekend, plus compensatory days for the weekend ones.
    const due = calendar.addWorkingDays('2027-02-03', 3);
    expect(calendar.isWorkingDay(due)).toBe(true);
    expect(due > '2027-02-10').toBe(true);
  });

  it('gives a compensatory day when a holiday falls on a weekend', () => {
    // 1 May 2027 is a Saturday.
    expect(statutoryDaysOff(2027, 2027)).toContain('2027-05-03');
  });

  it('takes extra days off entered by the province', () => {
    const withDecision = new WorkingCalendar([...statutoryDaysOff(2027, 2027), '2027-02-12']);
    expect(withDecision.isWorkingDay('2027-02-12')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-12')).toBe(true);
  });

  it('finds the n-th working day of a month and ends deadlines at local midnight', () => {
    expect(calendar.nthWorkingDayOfMonth('2027-03', 5)).toBe('2027-03-05');
    expect(new Date(endOfDay('2027-03-05')).toISOString()).toBe('2027-03-05T16:59:59.999Z');
    expect(dayOf(endOfDay('2027-03-05'))).toBe('2027-03-05');
  });
});
