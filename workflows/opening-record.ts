import { condition, patched } from '@temporalio/workflow';

/** The patch that made handlers wait for a run's opening record; its name is in recorded histories, never change it. */
const HANDLERS_WAIT_FOR_OPENING_RECORD = 'handlers-wait-for-opening-record';

/**
 * A run's opening record: the complaint filed, the meeting's invitation, the evaluation requested. An update or a
 * signal sent just after the start can reach the run in its first task, where its handler runs as soon as it is
 * registered, before the run's first lines have recorded anything: its step would be written about a row not yet
 * there. Handlers that write wait until the opening record has landed (an update validates again once it goes on). A handler that comes
 * later runs at once, without an extra turn, so runs that never raced issue their commands as before and replay;
 * runs that raced before this rule failed that update, and replay so.
 */
export class OpeningRecord {
  private landed = false;

  /** The main flow records the opening; the handlers waiting for it then go on. */
  async record(write: () => Promise<unknown>): Promise<void> {
    await write();
    this.landed = true;
  }

  /** The handler, run once the opening record has landed. */
  after<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => {
      if (this.landed || !patched(HANDLERS_WAIT_FOR_OPENING_RECORD)) return handler(...args);
      return condition(() => this.landed).then(() => handler(...args));
    };
  }
}
