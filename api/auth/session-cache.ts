import type { Principal } from '../../domain/auth/principal';

/**
 * Who a session is, remembered for a few seconds: the auth check would otherwise read the user with their roles on
 * every request. Whether the session is live (its row: not revoked) is read on every request, on every process, so a
 * logout, a deactivation or a password reset refuses the token at its next request; a role change made elsewhere takes
 * effect within `ttlMs`.
 */
export class SessionCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(sessionId: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.principal;
  }

  set(sessionId: string, principal: Principal, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, { principal, until: now + this.ttlMs });
  }

  forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }
}
