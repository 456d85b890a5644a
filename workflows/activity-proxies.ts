import { patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { InTurn } from './one-writer';

/**
 * The patch that made the workflows' records local activities. Its name is in recorded histories: never
 * change it.
 */
export const RECORDS_IN_WORKER = 'records-as-local-activities';

const retry = { initialInterval: '1 second', maximumInterval: '1 minute' } as const;

/** As first recorded: each write a task on the queue, taken by any worker. */
const queued = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });

/**
 * Each write run by the worker that runs the workflow task, its result recorded as a marker in the same workflow task.
 * A step costs one round trip to the server instead of three (schedule, start, complete), and a month of catch-up (the
 * deadlines already past) is one workflow task. The guarantees are those of the queued writes: each retries until it
 * lands (backoff past 10 s waits on a server timer), each is idempotent under its key, so a worker that dies mid-write
 * leaves the retry to the next worker to run the task, and it writes once.
 */
const inWorker = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry,
});

/** Per run, its local activities in turn: kept only while one is in flight. */
const inTurn = new Map<string, InTurn>();

/**
 * One local activity at a time per run. Two in flight at once resolve in one activation on replay but in two when
 * live, so the code after them can issue its commands in another order on replay (seen: an update's completion and a
 * signal swapped, a nondeterminism error). In turn, each resolves in an activation of its own both ways.
 */
function oneAtATime<T>(runId: string, call: () => Promise<T>): Promise<T> {
  const turn = inTurn.get(runId) ?? new InTurn();
  inTurn.set(runId, turn);
  const result = turn.take(call);
  const settled = turn.settled;
  void settled.then(() => {
    if (inTurn.get(runId) === turn && turn.settled === settled) inTurn.delete(runId);
  });
  return result;
}

/**
 * Database reads and writes, each idempotent, retried until they land. Runs recorded before RECORDS_IN_WORKER
 * scheduled them on the task queue, and replay so; new runs take them in the worker, one at a time.
 */
export const records: Activities = new Proxy(queued, {
  get: (_, name: keyof Activities) => {
    if (!patched(RECORDS_IN_WORKER)) return queued[name];
    const activity = inWorker[name] as (...args: unknown[]) => Promise<unknown>;
    return (...args: unknown[]) => oneAtATime(workflowInfo().runId, () => activity(...args));
  },
});
