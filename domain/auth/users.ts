/** The users who log in: the row a login checks its password against. */
import type { PrismaClient } from '../../prisma/database';

export interface LoginUser {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  passwordHash: string;
}

/** The user with this username, or null. */
export function loginUserOf(prisma: PrismaClient, username: string): Promise<LoginUser | null> {
  return prisma.user.findUnique({
    where: { username },
    select: { id: true, username: true, displayName: true, active: true, passwordHash: true },
  });
}
