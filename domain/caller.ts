import type { Actor } from '../machines/actor';

/** Who makes a request, as the records need them: the actor the rules know, and the login the audit names. */
export interface Caller {
  actor: Actor;
  userId: string;
}
