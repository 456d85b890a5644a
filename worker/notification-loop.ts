import type { NotificationDispatcher } from '../activities/notification-dispatcher';

/**
 * Runs the dispatcher every `pollMs` until stopped: one round at a time, so a slow SMTP server delays the next round
 * instead of overlapping it; a round that took a full batch is followed at once, so a burst drains at the speed of the
 * database and the SMTP server, not one batch a poll. Several loops (several workers) may run at once: the claims in
 * the database decide.
 */
export class NotificationLoop {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dispatcher: Pick<NotificationDispatcher, 'tick'>,
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
        .then(({ more }) => more)
        .catch((error: unknown) => {
          this.log(`notifications: ${error instanceof Error ? error.message : String(error)}`);
          return false;
        })
        .then((more) => this.schedule(more ? 0 : this.pollMs));
    }, delayMs);
  }

  /** Stops polling and waits for the round under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }
}
