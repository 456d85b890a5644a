/**
 * The rules of the people outside the Board (seed 001): who follows an agency's leaders' monitoring, when a membership
 * holds, and an account for an agency's people needing no official while Board staff still need one.
 */
import { describe, expect, it } from 'vitest';
import { accountBindingRule } from '../../machines/accounts';
import { holdsIn, holdsOn, mayFollowAgency } from '../../machines/agency-access';
import { STAFF } from '../../machines/roles';

describe("following an agency's leaders", () => {
  it('lets Board leadership and the auditor follow any agency, a head only their own', () => {
    expect(mayFollowAgency({ userId: 'u1', roles: ['BOARD_LEADER'] }, [])).toBe(true);
    expect(mayFollowAgency({ userId: 'u1', roles: ['OFFICIAL', 'AUDITOR'] }, [])).toBe(true);
    expect(mayFollowAgency({ userId: 'h1', roles: ['AGENCY_HEAD'] }, ['h1'])).toBe(true);
    expect(mayFollowAgency({ userId: 'h2', roles: ['AGENCY_HEAD'] }, ['h1'])).toBe(false);
    expect(mayFollowAgency({ userId: 'h1', roles: ['AGENCY_LEADER'] }, ['h1'])).toBe(false);
    expect(mayFollowAgency({ userId: 'a', roles: ['ADMINISTRATOR', 'STANDING_COMMITTEE_MEMBER'] }, ['a'])).toBe(false);
  });

  it('counts a membership from its first to its last day, and in each year it touches', () => {
    const span = { from: '2025-07-01', until: '2026-06-30' };
    expect([holdsOn(span, '2025-06-30'), holdsOn(span, '2025-07-01'), holdsOn(span, '2026-06-30')]).toEqual([
      false,
      true,
      true,
    ]);
    expect(holdsOn({ from: '2025-07-01', until: null }, '2099-01-01')).toBe(true);
    expect([holdsIn(span, 2024), holdsIn(span, 2025), holdsIn(span, 2026), holdsIn(span, 2027)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('roles outside the Board', () => {
  it('are not Board staff, and their accounts need no official', () => {
    for (const role of ['AGENCY_LEADER', 'AGENCY_HEAD', 'STANDING_COMMITTEE_MEMBER', 'AREA_COMMITTEE'] as const)
      expect(STAFF).not.toContain(role);
    expect(accountBindingRule(['AGENCY_HEAD', 'AGENCY_LEADER'], {})).toBeNull();
    expect(accountBindingRule(['STANDING_COMMITTEE_MEMBER'], {})).toBeNull();
    expect(accountBindingRule(['AGENCY_LEADER', 'OFFICIAL'], {})?.rule).toBe('ACCOUNT_NEEDS_OFFICIAL');
  });
});
