/** A worker on the real dev server for the workflows that start children. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { WORKFLOW_FAILURE_ERROR_TYPES } from '../../workflows/task-queue';
import { type Directory, loadDirectory } from './directory';
import { freshDatabase, workflowBundle } from './lifecycle-harness';
import type { Started } from './started';
import { startDevServerEnv } from './temporal';

export interface DevServerWorker {
  env: TestWorkflowEnvironment;
  db: Awaited<ReturnType<typeof freshDatabase>>['db'];
  people: Directory;
  taskQueue: string;
}

/**
 * The real dev server, a fresh database and the product's bundle on a worker polling its own queue (named from
 * `queuePrefix`): what the workflows that start children need, as the time-skipping server cannot run them
 * (workflows/child-starts.ts). Everything is closed with `started`.
 */
export async function startDevServerWorker(started: Started, queuePrefix: string): Promise<DevServerWorker> {
  const taskQueue = `${queuePrefix}-${Math.random().toString(36).slice(2)}`;
  const [env, database, bundle] = await Promise.all([
    started.add(startDevServerEnv(), (e) => e.teardown()),
    started.add(freshDatabase(), (d) => d.dispose()),
    workflowBundle(),
  ]);
  const { db } = database;
  const people = await loadDirectory(db.prisma);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ db, temporal: { client: env.client, taskQueue } }),
    workflowFailureErrorTypes: WORKFLOW_FAILURE_ERROR_TYPES,
  });
  const running = worker.run();
  started.keep(worker, async (w) => {
    w.shutdown();
    await running;
  });
  return { env, db, people, taskQueue };
}
