import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index';
import { PRELOADED_MODULES, WORKFLOWS_PATH } from '../histories/replay';
import { TASK_QUEUE, WORKFLOW_FAILURE_ERROR_TYPES } from '../workflows/task-queue';

export interface ServiceWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** What the activities are bound to: the database and the Temporal client. */
  deps: ActivityDeps;
  taskQueue?: string;
  /** Workflows kept in memory (WORKER_CACHED_WORKFLOWS); unset, the SDK's default from the heap's limit. */
  maxCachedWorkflows?: number;
  /** Stack frames in the workflows' errors (WORKER_WORKFLOW_STACK_TRACES=on); unset, none. */
  workflowStackTraces?: boolean;
}

/** Preloaded after the shared modules when the workflows' stack traces are asked for: it sets their limit back. */
export const STACK_TRACES_MODULE = fileURLToPath(new URL('../workflows/stack-traces.ts', import.meta.url));

/** The modules a worker's bundle preloads: the shared ones, and the stack traces' limit when they are asked for. */
export const preloadedModules = (workflowStackTraces = false): string[] =>
  workflowStackTraces ? [...PRELOADED_MODULES, STACK_TRACES_MODULE] : PRELOADED_MODULES;

/** The service's worker: every workflow and every activity, on one task queue. */
export function createWorker({
  connection,
  namespace,
  deps,
  taskQueue = TASK_QUEUE,
  maxCachedWorkflows,
  workflowStackTraces,
}: ServiceWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows }),
    workflowsPath: WORKFLOWS_PATH,
    bundlerOptions: { preloadModules: preloadedModules(workflowStackTraces) },
    activities: createActivities(deps),
    workflowFailureErrorTypes: WORKFLOW_FAILURE_ERROR_TYPES,
    // On shutdown, in-flight activities (short database writes) may finish rather than be cancelled and retried.
    shutdownGraceTime: '10s',
  });
}

export interface RunningWorker {
  /** Settles when the worker has stopped: resolves after a drain, rejects if it failed on its own. */
  readonly stopped: Promise<void>;
  /** Stops polling, lets in-flight tasks finish, waits for the worker to stop, then closes its connection. */
  drain(): Promise<void>;
}

/** Connects to Temporal at `address` and runs the worker until {@link RunningWorker.drain}. */
export async function startWorker(
  options: Omit<ServiceWorkerOptions, 'connection'> & { address: string },
): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: options.address });
  let worker: Worker;
  try {
    worker = await createWorker({ ...options, connection });
  } catch (error) {
    await connection.close();
    throw error;
  }
  const stopped = worker.run();
  stopped.catch(() => {}); // the owner observes failures through `stopped`; this only prevents an unhandled rejection
  return {
    stopped,
    async drain() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      try {
        await stopped;
      } finally {
        await connection.close();
      }
    },
  };
}
