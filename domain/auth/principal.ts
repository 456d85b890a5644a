/** Who an authenticated request is: the user who logged in, and the actor the rules and workflows know them as. */
import type { Actor, Role } from '../../machines/actor';
import type { PrismaClient } from '../../prisma/database';

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  actor: Actor;
  /** The password was set by an administrator (one-time): until it is changed, the session reaches only a few routes. */
  mustChangePassword?: boolean;
}

/**
 * The actor a user acts as: Board staff as their official (workflows and rules know officials, not logins),
 * area committees and administrators as their user. Null for an unknown, inactive or role-less user.
 */
export async function principalOf(prisma: PrismaClient, userId: string): Promise<Principal | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, include: { roles: true } });
  if (!user || !user.active || user.roles.length === 0) return null;
  const roles = user.roles.map((r) => r.role as Role);
  const actor: Actor = { id: user.officialId ?? user.id, roles, ...(user.areaId && { areaId: user.areaId }) };
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    actor,
    mustChangePassword: user.mustChangePassword,
  };
}
