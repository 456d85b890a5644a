import { z } from 'zod';
import { LEADERSHIP, type Role, RoleSchema } from './roles';

export { type Role, RoleSchema };

/**
 * Whoever causes an event: a person (their official id, or their user id for area committees)
 * with the roles they act in, or the system itself for time-driven events.
 */
export const ActorSchema = z.object({
  id: z.string().min(1),
  roles: z.array(RoleSchema).min(1),
  /** Set for area-committee users: the area they speak for. */
  areaId: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { id: 'system', roles: ['ADMINISTRATOR'] };

/** Only Board leadership decides assignments (Đ2.5, Đ4.1). */
export function isBoardLeadership(actor: Actor): boolean {
  return actor.roles.some((role) => (LEADERSHIP as readonly Role[]).includes(role));
}

export function isSystem(actor: Actor): boolean {
  return actor.id === SYSTEM_ACTOR.id;
}
