import type { Principal } from '../../domain/auth/principal';

/**
 * Who a session is, remembered for a few seconds: the auth check on every request would otherwise cost two
 * database reads (the session, the user with roles). A logout through this process forgets the session at once;
 * a revocation or role change made elsewhere takes effect within `ttlMs`.
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
