/**
 * What the organisation page reads: the staff, departments, groups, areas and Board leadership (GET routes of the
 * directory and the organisation, open to Board staff), the accounts (the administrator's), and the gaps.
 */
import type { Account } from '../../../../contracts/accounts';
import type { AreaListItem, Department, GroupListItem, StaffListItem } from '../../../../contracts/directory';
import type { Gaps, Leadership } from '../../../../contracts/organisation';
import { allPages, api } from '../../api';

export interface OrganisationLists {
  officials: StaffListItem[];
  departments: Department[];
  groups: GroupListItem[];
  areas: AreaListItem[];
  leadership: Leadership;
  gaps: Gaps;
  /** Only the administrator reads the accounts; for leadership, empty. */
  accounts: Account[];
}

export async function loadOrganisation(isAdministrator: boolean): Promise<OrganisationLists> {
  const [officials, departments, groups, areas, leadership, gaps, accounts] = await Promise.all([
    allPages<StaffListItem>('/officials', {}, 2_000),
    allPages<Department>('/departments', {}, 500),
    allPages<GroupListItem>('/groups', {}, 500),
    allPages<AreaListItem>('/areas', {}, 5_000),
    api<Leadership>('/organisation/leadership'),
    api<Gaps>('/organisation/gaps'),
    isAdministrator ? allPages<Account>('/admin/accounts', {}, 2_000) : Promise.resolve([]),
  ]);
  return { officials, departments, groups, areas, leadership, gaps, accounts };
}
