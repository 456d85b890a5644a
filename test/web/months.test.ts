/** The official's page shows each filing as GET /assignments/:id/months records it: one status per filing. */
import { describe, expect, it } from 'vitest';
import { type Filing, filingStatus, monthOf, NOT_OPENED, previousMonth } from '../../web/src/months';

const filing = (over: Partial<Filing>): Filing => ({ ...NOT_OPENED, dueAt: '2027-01-07T16:59:59.999Z', ...over });

describe('filingStatus', () => {
  it('reads the API record as it is', () => {
    expect(filingStatus(NOT_OPENED)).toBe('notOpened');
    expect(filingStatus(filing({ deadline: 'OPEN' }))).toBe('open');
    expect(filingStatus(filing({ deadline: 'MET', filedAt: '2027-01-05T03:00:00.000Z', late: false }))).toBe('filed');
    expect(
      filingStatus(filing({ deadline: 'MISSED', filedAt: '2027-01-09T03:00:00.000Z', late: true, escalationLevel: 1 })),
    ).toBe('filedLate');
    expect(filingStatus(filing({ deadline: 'MISSED', escalationLevel: 2 }))).toBe('missed');
    expect(filingStatus(filing({ deadline: 'CANCELLED' }))).toBe('cancelled');
  });

  it('takes the filing over the deadline: a late filing is late whatever the deadline row says', () => {
    expect(filingStatus(filing({ deadline: 'OPEN', filedAt: '2027-01-09T03:00:00.000Z', late: true }))).toBe(
      'filedLate',
    );
    expect(filingStatus(filing({ deadline: null, filedAt: '2027-01-05T03:00:00.000Z', late: false }))).toBe('filed');
  });
});

describe('months', () => {
  it('in Vietnam, and the month before', () => {
    expect(monthOf('2026-11-30T17:00:00.000Z')).toBe('2026-12');
    expect(monthOf('2026-11-30T16:59:59.999Z')).toBe('2026-11');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2027-10')).toBe('2027-09');
  });
});
