import { Refusal } from '../errors';

/**
 * Password guessing is limited per username and address: after `max` wrong passwords within `windowMs`, 429 with
 * Retry-After until the window ends. Only wrong credentials count: a login that failed on our side (a full disk, a
 * held lock: 5xx) is not a guess, and must not lock the user out once the service recovers. Counted per
 * API process: with several processes a guesser gets at most `max` per process, still a handful a minute.
 */
export class LoginAttempts {
  private readonly failures = new Map<string, { count: number; windowEndsAt: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Refuses a login while its key has used up its wrong attempts. */
  assertAllowed(key: string, now = Date.now()): void {
    const entry = this.current(key, now);
    if (!entry || entry.count < this.max) return;
    const seconds = Math.max(1, Math.ceil((entry.windowEndsAt - now) / 1000));
    throw new Refusal(429, 'TOO_MANY_ATTEMPTS', `Too many login attempts; try again in ${seconds} seconds`, {
      retryAfterSeconds: seconds,
    });
  }

  /**
   * Counts an attempt as it starts, so that attempts sent at once cannot all pass the check while the first are
   * still verifying; {@link forgive} takes it back once it turns out not to be a wrong password.
   */
  begin(key: string, now = Date.now()): void {
    this.assertAllowed(key, now);
    const entry = this.current(key, now) ?? { count: 0, windowEndsAt: now + this.windowMs };
    entry.count += 1;
    this.failures.set(key, entry);
    if (this.failures.size > 10_000) this.sweep(now);
  }

  /** The attempt succeeded, or failed on the service's side: it was no guess. */
  forgive(key: string, now = Date.now()): void {
    const entry = this.current(key, now);
    if (entry) entry.count = Math.max(0, entry.count - 1);
  }

  private current(key: string, now: number) {
    const entry = this.failures.get(key);
    if (entry && entry.windowEndsAt <= now) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.failures) if (entry.windowEndsAt <= now) this.failures.delete(key);
  }
}
