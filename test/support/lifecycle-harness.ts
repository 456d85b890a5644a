import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type WorkflowBundleWithSourceMap, Worker } from '@temporalio/worker';
import { type Activities, createActivities } from '../../activities';
import { applyMigrations } from '../../prisma/tooling/migrations';
import { seedIfEmpty } from '../../prisma/seed';
import { type Database, openDatabase } from '../../prisma/database';
import { startPostgres } from '../../scripts/tools/postgres';
import { Started } from './started';
import { startTimeSkippingEnv } from './temporal';
import { runWorkflowBundle } from './workflow-bundles';
import { copySqliteTemplate, runTemplate } from './template-database';
import { moveServerTo, startAtQuietInstant } from './test-clock';
import { loadDirectory, type Directory } from './directory';
import { WORKFLOW_FAILURE_ERROR_TYPES } from '../../workflows/task-queue';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The product's workflow bundle, built once per test run (test/support/workflow-bundles.ts). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= runWorkflowBundle('servers');
  return bundle;
}

let timeSkippingBundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/**
 * The bundle the time-skipping server's worker runs: the product's, with months and evaluations started through the
 * client (workflows/child-starts.ts says why). Built once per test run.
 */
export function workflowBundleForTimeSkipping(): Promise<WorkflowBundleWithSourceMap> {
  timeSkippingBundle ??= runWorkflowBundle('time-skipping');
  return timeSkippingBundle;
}

/**
 * A fresh, migrated, seeded database: SQLite in a temporary folder, or, when TEST_DATABASE_PROVIDER=postgresql
 * (the CI's PostgreSQL leg), a new database on the PostgreSQL server of scripts/tools/postgres.ts. A copy of the
 * run's template when the test run made one (test/support/template-database.ts).
 */
export async function freshDatabase(): Promise<{ db: Database; url: string; dispose(): Promise<void> }> {
  const started = new Started();
  return started.closeOnFailure(async () => {
    const dir = started.keep(mkdtempSync(join(tmpdir(), 'dia-ban-test-')), (dir) =>
      rmSync(dir, { recursive: true, force: true }),
    );
    const template = runTemplate();
    const postgres =
      process.env.TEST_DATABASE_PROVIDER === 'postgresql'
        ? await started.add(startPostgres(), (server) => server.stop())
        : undefined;
    const file = join(dir, 'test.db');
    const url = postgres ? await postgres.createDatabase('lifecycle', template.postgres) : `file:${file}`;
    const copied = postgres ? !!template.postgres : !!template.sqlite;
    if (!postgres && template.sqlite) await copySqliteTemplate(template.sqlite, file);
    if (!copied) await applyMigrations(url);
    const db = started.keep(openDatabase(url), (db) => db.close());
    if (!copied) await seedIfEmpty(db.prisma);
    return { db, url, dispose: () => started.close() };
  });
}

export interface LifecycleHarness {
  env: TestWorkflowEnvironment;
  client: Client;
  db: Database;
  /** The database's URL: `file:…` (SQLite) or `postgres://…`. */
  databaseUrl: string;
  people: Directory;
  taskQueue: string;
  /** The server's instant when the suite began: a quiet working morning (test/support/test-clock.ts). */
  startedAt: number;
  /** Runs `fn` while the suite's worker, with the real workflows and activities, polls the queue. */
  withWorker<T>(fn: () => Promise<T>): Promise<T>;
  /** Skips server time forward to an instant. */
  sleepUntil(instantMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Wraps the real activities, for a test that injects a fault around them (a held lock, a slow write). */
  activities?: (real: Activities) => Activities;
}

/** The real time-skipping Temporal server, the real workflows and activities, a real seeded database. */
export async function startLifecycleHarness(options: HarnessOptions = {}): Promise<LifecycleHarness> {
  const started = new Started();
  return started.closeOnFailure(async () => {
    const [env, database, workflowCode] = await Promise.all([
      started.add(startTimeSkippingEnv(), (env) => env.teardown()),
      started.add(freshDatabase(), (database) => database.dispose()),
      workflowBundleForTimeSkipping(),
    ]);
    // Before any workflow runs: the suite's "today" is a quiet day, whatever day it runs on (test/support/test-clock.ts).
    const startedAt = await startAtQuietInstant(env);
    const taskQueue = `lifecycle-${Math.random().toString(36).slice(2)}`;
    const people = await loadDirectory(database.db.prisma);
    // One worker for the whole suite: a worker shut down between tests leaves workflow tasks on its sticky
    // queue, and the time-skipping server then never skips time again.
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowCode,
      activities: (options.activities ?? ((real) => real))(
        createActivities({ db: database.db, temporal: { client: env.client, taskQueue } }),
      ),
      workflowFailureErrorTypes: WORKFLOW_FAILURE_ERROR_TYPES,
    });
    const running = worker.run();
    started.keep(worker, async (worker) => {
      worker.shutdown();
      await running;
    });
    return {
      env,
      client: env.client,
      db: database.db,
      databaseUrl: database.url,
      people,
      taskQueue,
      startedAt,
      async withWorker(fn) {
        return fn();
      },
      async sleepUntil(instantMs) {
        // One long sleep across many timers was seen to stall the Java test server; steps of a few days do not.
        await moveServerTo(env, instantMs);
      },
      // The worker, then the server and the database.
      close: () => started.close(),
    };
  });
}
