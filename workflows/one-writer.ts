import { patched } from '@temporalio/workflow';

/**
 * The patch that made a workflow's writes land one at a time, in the order its steps were taken. Its name is in
 * recorded histories: never change it.
 */
const WRITES_IN_ORDER = 'writes-one-at-a-time-in-order';

/**
 * One writer per workflow (issue 12.4). Update handlers and the main loop interleave at every `await`; without this,
 * two of their records could be in flight at once and, under a held database lock and retries, land in the other
 * order: the read model left behind the machine, the audit trail out of sequence. Each write's arguments are fixed
 * when the step is taken (its idempotency key, its state); the write waits for the one before it to land.
 * A failed write does not block the next: the failure is its caller's.
 */
export class OneWriter {
  private last: Promise<unknown> = Promise.resolve();

  write<T>(send: () => Promise<T>): Promise<T> {
    // Runs recorded before this rule wrote as they ran, and replay so.
    if (!patched(WRITES_IN_ORDER)) return send();
    const landed = this.last.then(send);
    this.last = landed.catch(() => undefined);
    return landed;
  }
}
