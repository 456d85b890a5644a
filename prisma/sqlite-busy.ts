/**
 * SQLite's write lock held by another connection, waited for without freezing the process. better-sqlite3 runs
 * synchronously: its own busy wait (busy_timeout) stands the whole event loop still, so with a stream of writes each
 * meeting the lock the waits added up, and reads and the 503s took seconds. Here SQLite answers SQLITE_BUSY at once
 * and the statement is tried again after short timers, for at most `boundMs` in all; then the busy error goes on (the
 * API answers 503 DATABASE_BUSY). Reads are never blocked by a writer under WAL, and meanwhile they run.
 */
import { setTimeout as sleep } from 'node:timers/promises';

interface Query {
  sql: string;
}

type Run = (this: unknown, query: Query) => Promise<unknown>;

const PATCHED = Symbol.for('dia-ban.sqlite-busy');

/** Whether the adapter's error is SQLite's "database is locked" that a moment's wait can clear. */
function isBusy(error: unknown): boolean {
  const code = (error as { cause?: { originalCode?: unknown } } | null)?.cause?.originalCode;
  // A snapshot overtaken by another writer never clears while its transaction lasts: no point waiting.
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY') && code !== 'SQLITE_BUSY_SNAPSHOT';
}

/** Wraps `run` so that a busy statement is tried again, asynchronously, until `boundMs` have passed. */
export function retryingWhileBusy(run: Run, boundMs: number): Run {
  return async function (this: unknown, query: Query) {
    const started = performance.now();
    for (let pause = 2; ; pause = Math.min(pause * 2, 20)) {
      try {
        return await run.call(this, query);
      } catch (error) {
        const left = boundMs - (performance.now() - started);
        if (!isBusy(error) || left <= 0) throw error;
        await sleep(Math.min(pause, left));
      }
    }
  };
}

/**
 * Makes the better-sqlite3 adapter's statements (its own and its transactions', which share one prototype) wait for
 * the lock asynchronously. The adapter is the one `factory.connect()` gave; patched once per process.
 */
export function waitForLocksAsynchronously(adapter: object, boundMs: number): void {
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Record<string | symbol, unknown>;
  if (queryable[PATCHED] || typeof queryable.performIO !== 'function' || typeof queryable.executeIO !== 'function')
    return;
  queryable.performIO = retryingWhileBusy(queryable.performIO as Run, boundMs);
  queryable.executeIO = retryingWhileBusy(queryable.executeIO as Run, boundMs);
  queryable[PATCHED] = true;
}
