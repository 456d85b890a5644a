import { patched } from '@temporalio/workflow';

/**
 * The patch that made a workflow's writes land one at a time, in the order its steps were taken. Its name is in
 * recorded histories: never change it.
 */
const WRITES_IN_ORDER = 'writes-one-at-a-time-in-order';

/**
 * Calls taken in turn: each starts once the one asked before it has settled (landed or failed), so they land in the
 * order they were asked. A failed call does not block the next: the failure is its caller's. The one way writes are
 * kept in order: a workflow's steps (OneWriter, below) and a run's local activities (activity-proxies.ts).
 */
export class InTurn {
  private last: Promise<unknown> = Promise.resolve();

  /** Settles once every call asked so far has. */
  get settled(): Promise<unknown> {
    return this.last;
  }

  take<T>(call: () => Promise<T>): Promise<T> {
    const result = this.last.then(call);
    this.last = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/**
 * One writer per workflow. Update handlers and the main loop interleave at every `await`; without this,
 * two of their records could be in flight at once and, under a held database lock and retries, land in the other
 * order: the read model left behind the machine, the audit trail out of sequence. Each write's arguments are fixed
 * when the step is taken (its idempotency key, its state); the write waits its turn.
 */
export class OneWriter {
  private readonly turn = new InTurn();

  write<T>(send: () => Promise<T>): Promise<T> {
    // Runs recorded before this rule wrote as they ran, and replay so.
    if (!patched(WRITES_IN_ORDER)) return send();
    return this.turn.take(send);
  }
}
