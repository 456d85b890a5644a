import type { Role } from './actor';
import { OUTSIDE_THE_BOARD } from './roles';

/** A username: lower-case letters, digits and . _ -, 3 to 50, beginning with a letter or digit; typed at every login. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;

/**
 * Who an account is for, by its roles: Board staff act as their official (the workflows and rules know officials),
 * so every staff role but the administrator's needs an official; an area committee's account belongs to its area and
 * holds that role alone; an administrator may be nobody's official (the Board's IT staff need not be on its roll).
 */
export type AccountBindingRule = 'ACCOUNT_NEEDS_OFFICIAL' | 'AREA_ACCOUNT_ROLE_ALONE' | 'ACCOUNT_BOUND_TWICE';

export function accountBindingRule(
  roles: readonly Role[],
  binding: { officialId?: string | undefined; areaId?: string | undefined },
): { rule: AccountBindingRule; message: string } | null {
  if (binding.officialId !== undefined && binding.areaId !== undefined)
    return { rule: 'ACCOUNT_BOUND_TWICE', message: 'An account is for an official or for an area committee, not both' };
  const committee = roles.includes('AREA_COMMITTEE');
  if (binding.areaId !== undefined || committee) {
    if (binding.areaId === undefined || !committee || roles.length !== 1)
      return {
        rule: 'AREA_ACCOUNT_ROLE_ALONE',
        message: "An area committee's account names its area (areaId) and has the role AREA_COMMITTEE alone",
      };
    return null;
  }
  // The people of the Standing Committee's programme are outside the Board: their agency binds them, not an official.
  const needsOfficial = (role: Role) =>
    role !== 'ADMINISTRATOR' && !(OUTSIDE_THE_BOARD as readonly Role[]).includes(role);
  if (binding.officialId === undefined && roles.some(needsOfficial))
    return {
      rule: 'ACCOUNT_NEEDS_OFFICIAL',
      message: 'Board staff act as their official: every role but ADMINISTRATOR needs an officialId',
    };
  return null;
}
