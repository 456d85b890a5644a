/**
 * What a suite's set-up has started so far, each with how to close it. When a later step fails (Chromium does not
 * launch after the Temporal server came up), everything already up, or still coming up beside the failed step, is
 * closed before the error goes on: a failed `beforeAll` leaves no server behind, though its suite object was never
 * assigned for the `afterAll` to close.
 */
type Close = () => unknown;

export class Started {
  private readonly closers: Close[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  /** Waits for `starting` and keeps `close` for what it gives; started steps may run side by side (Promise.all). */
  async add<T>(starting: Promise<T>, close: (value: T) => unknown): Promise<T> {
    const tracked = starting.then((value) => {
      this.closers.push(() => close(value));
      return value;
    });
    this.pending.add(tracked);
    try {
      return await tracked;
    } finally {
      this.pending.delete(tracked);
    }
  }

  /** Keeps `close` for something already running. */
  keep<T>(value: T, close: (value: T) => unknown): T {
    this.closers.push(() => close(value));
    return value;
  }

  /** Runs the set-up's steps; when one fails, closes what they started and throws that failure. */
  async closeOnFailure<T>(steps: () => Promise<T>): Promise<T> {
    try {
      return await steps();
    } catch (error) {
      await this.close().catch((closeError: unknown) => {
        console.error('closing what a failed set-up had started failed too:', closeError);
      });
      throw error;
    }
  }

  /** Closes everything, the last started first; every closer runs even when one fails, whose error is thrown after. */
  async close(): Promise<void> {
    // A step still starting beside a failed one is closed once it is up.
    await Promise.allSettled([...this.pending]);
    const errors: unknown[] = [];
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} closers failed`);
  }
}
