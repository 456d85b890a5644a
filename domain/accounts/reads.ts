/** The accounts as the administrator lists them: who logs in, as whom, with which roles, and whether they may. */
import type { Role } from '../../machines/actor';
import type { PrismaClient } from '../../prisma/database';
import { type PageRequest, pageArgs, toPage } from '../pagination';

const accountSelect = {
  id: true,
  username: true,
  displayName: true,
  email: true,
  active: true,
  mustChangePassword: true,
  passwordChangedAt: true,
  createdAt: true,
  roles: { select: { role: true }, orderBy: { role: 'asc' } },
  official: { select: { id: true, code: true, fullName: true } },
  area: { select: { id: true, code: true, name: true } },
} as const;

type AccountRow = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: Date | null;
  createdAt: Date;
  roles: { role: string }[];
  official: { id: string; code: string; fullName: string } | null;
  area: { id: string; code: string; name: string } | null;
};

function accountOf(row: AccountRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    roles: row.roles.map((r) => r.role as Role),
    official: row.official,
    area: row.area,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
    passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
export type Account = ReturnType<typeof accountOf>;

/** The accounts by username; `active` narrows to the active or the deactivated ones. */
export async function accountsPage(prisma: PrismaClient, filter: { active?: boolean | undefined }, page: PageRequest) {
  const rows = await prisma.user.findMany({
    where: filter.active === undefined ? {} : { active: filter.active },
    orderBy: [{ username: 'asc' }, { id: 'asc' }],
    select: accountSelect,
    ...pageArgs(page),
  });
  return toPage(rows, page.limit, accountOf);
}

export async function account(prisma: PrismaClient, id: string): Promise<Account | null> {
  const row = await prisma.user.findUnique({ where: { id }, select: accountSelect });
  return row && accountOf(row);
}

/** The account with this username: its id, whether it is active, whether it is an administrator's; null if none. */
export async function accountByUsername(prisma: PrismaClient, username: string) {
  const row = await prisma.user.findUnique({
    where: { username },
    select: { id: true, active: true, roles: { select: { role: true } } },
  });
  return row && { id: row.id, active: row.active, administrator: row.roles.some((r) => r.role === 'ADMINISTRATOR') };
}

/** Whether anyone can manage accounts: a production start without one says how to create the first. */
export async function hasActiveAdministrator(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count({ where: { active: true, roles: { some: { role: 'ADMINISTRATOR' } } } })) > 0;
}
