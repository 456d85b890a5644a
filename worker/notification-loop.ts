import type { NotificationDispatcher } from '../activities/notification-dispatcher';

/**
 * Runs the dispatcher every `pollMs` until stopped: one round at a time, so a slow SMTP server delays the next round
 * instead of overlapping it. Several loops (several workers) may run at once: the claims in the database decide.
 */
export class NotificationLoop {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dispatcher: NotificationDispatcher,
    private readonly pollMs: number,
    private readonly log: (line: string) => void = () => {},
  ) {}

  start(): this {
    this.schedule(0);
    return this;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.dispatcher
        .tick()
        .catch((error: unknown) => this.log(`notifications: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.schedule(this.pollMs));
    }, delayMs);
  }

  /** Stops polling and waits for the round under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }
}
