/**
 * Lifecycle benchmark on the real servers: the CLI's dev server (started fresh on a SQLite file of its own,
 * the app's data in a fresh SQLite database, the worker in this process) and the local two-node cluster on PostgreSQL
 * (scripts/tools/cluster-deployment.ts: its two worker processes run the lifecycle, the app's data in its PostgreSQL).
 * On each, in turn:
 *
 * 1. the engine's ceilings: W trivial workflows at once (test/bench/trivial.workflow.ts), S steps of one no-op activity
 *    each, once as normal activities and once as local ones, run by a worker in this process on a task queue of its own;
 * 2. the lifecycle's catch-up: N assignments in force since M months back, started through the client with their
 *    appointing decision in the input (`appointedBy`, dated on the effective day: the approve update would refuse a
 *    decision of today for an appointment M months back, EFFECTIVE_BEFORE_DECISION). Nobody files anything, so every
 *    month misses and escalates. The catch-up is done when every assignment's monthly workflow of the current month
 *    exists and no audit row has been added for BENCH_QUIET_S seconds; it is bounded by BENCH_CATCHUP_TIMEOUT_S. The
 *    time is the start of the first assignment to the last new audit row seen (polled every 0.5 s); a transition is
 *    one audit row (auditEvent) written during the run;
 * 3. the lifecycle's rate over the trivial workflow's, normal and local;
 * 4. the month's opening as the work grows: for each N of BENCH_OPENING_ASSIGNMENTS (default 1000,5000,10000), N
 *    assignments in force since the 1st of this month are started (BENCH_OPENING_CONCURRENCY client starts at a time)
 *    and each opens its month; the time is the first start to the last month's opened plan deadline (its audit row),
 *    bounded by BENCH_OPENING_TIMEOUT_S per N; BENCH_OPENING_ASSIGNMENTS=0 leaves it out;
 * 5. where the time goes: on the dev server, each activity type's count and mean execution time during the catch-up,
 *    from an activity interceptor on the in-process worker. The cluster's workers are other processes, where this
 *    process cannot time them; on both servers the bench reads every history of its assignments afterwards (not
 *    timed): each workflow type's workflow tasks (started to completed; a local activity runs inside its task), each
 *    normal activity (started to completed), and the local activities' counts from their markers.
 *
 *   npm run bench:servers
 *   BENCH_SERVERS=dev BENCH_ASSIGNMENTS=5 BENCH_MONTHS=24 npx tsx test/bench/lifecycle-servers.bench.ts
 *   BENCH_SERVERS=dev BENCH_START_PATH=client …   (months started through the client, to compare)
 *   WORKER_WORKFLOW_STACK_TRACES=on BENCH_SERVERS=dev …   (the workflows' stack traces on, to compare)
 *
 * Last lines per server: `trivial <server> normal: X steps/s`, `trivial <server> local: Y steps/s`,
 * `lifecycle <server>: N assignments, M months, T transitions in S s, R transitions/s`,
 * `lifecycle <server> / trivial normal: A`, `lifecycle <server> / trivial local: B`, and one line per N:
 * `month opening <server>: N assignments, their months open in S s, R months/s, X ms per assignment`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import {
  bundleWorkflowCode,
  type ActivityInterceptorsFactory,
  DefaultLogger,
  Runtime,
  NativeConnection,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createActivities } from '../../activities';
import { dayOf } from '../../machines/calendar';
import { type Database, openDatabase } from '../../prisma/database';
import { startDeployment } from '../../scripts/tools/cluster-deployment';
import { ensureTemporalCli } from '../../scripts/tools/temporal-cli';
import { assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { TASK_QUEUE, WORKFLOW_FAILURE_ERROR_TYPES } from '../../workflows/task-queue';
import { loadDirectory } from '../support/directory';
import { startAssignmentsInForce } from './assignments-in-force';
import { freshDatabase, workflowBundle, workflowBundleForTimeSkipping } from '../support/lifecycle-harness';
import { startDevServerEnv } from '../support/temporal';
import { trivialWorkflow } from './trivial.workflow';
import { loadConfig } from '../../worker/config';
import { preloadedModules } from '../../worker/run-worker';
import { WORKFLOWS_PATH } from '../../histories/replay';
import { monthsBefore } from '../support/months';

const N = Number(process.env.BENCH_ASSIGNMENTS ?? 10);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 66);
const TRIVIAL_WORKFLOWS = Number(process.env.BENCH_TRIVIAL_WORKFLOWS ?? 50);
const TRIVIAL_STEPS = Number(process.env.BENCH_TRIVIAL_STEPS ?? 40);
const SERVERS = (process.env.BENCH_SERVERS ?? 'dev,cluster').split(',').map((s) => s.trim());
/** No new audit row for this long (with the current month's workflows all started) ends the catch-up. */
const QUIET_MS = Number(process.env.BENCH_QUIET_S ?? 10) * 1000;
const CATCHUP_TIMEOUT_MS = Number(process.env.BENCH_CATCHUP_TIMEOUT_S ?? 300) * 1000;
const TRIVIAL_TIMEOUT_MS = Number(process.env.BENCH_TRIVIAL_TIMEOUT_S ?? 120) * 1000;
const HISTORIES_TIMEOUT_MS = 60_000;
/**
 * `client` runs the dev server's worker on the bundle that starts months and evaluations through the client from a
 * local activity (as before the child workflows), to compare the two under the same load; the cluster's workers always
 * run the product's bundle.
 */
const START_PATH = process.env.BENCH_START_PATH ?? 'children';
const OPENING_SIZES = (process.env.BENCH_OPENING_ASSIGNMENTS ?? '1000,5000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const OPENING_CONCURRENCY = Number(process.env.BENCH_OPENING_CONCURRENCY ?? 50);
const OPENING_TIMEOUT_MS = Number(process.env.BENCH_OPENING_TIMEOUT_S ?? 900) * 1000;
/** The dev server's worker's cache of workflows, read as the product's worker reads it (WORKER_CACHED_WORKFLOWS). */
const CACHED_WORKFLOWS = loadConfig().worker.cachedWorkflows;
/**
 * The workflows' stack traces, as the product's worker reads it (WORKER_WORKFLOW_STACK_TRACES=on): then the dev
 * server's worker runs a bundle preloading what the product's worker preloads with it, to compare the two.
 */
const STACK_TRACES = loadConfig().worker.workflowStackTraces;
/** The whole run's last resort: whatever hangs, the servers are stopped and the process exits. */
const WATCHDOG_MS = Number(process.env.BENCH_WATCHDOG_S ?? 1500) * 1000;

// The workers' warnings ("workflow task duration exceeded 5 seconds", common on a loaded 2-core machine) would bury the
// figures; errors still show. Installed before any server or worker starts (test/support/temporal.ts keeps it).
Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
});
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;

type Times = Map<string, { count: number; ms: number }>;
const add = (times: Times, type: string, ms: number) => {
  const entry = times.get(type) ?? { count: 0, ms: 0 };
  entry.count += 1;
  entry.ms += ms;
  times.set(type, entry);
};

interface Server {
  name: 'dev' | 'cluster';
  client: Client;
  connection: NativeConnection;
  namespace: string;
  db: Database;
  /** The task queue the lifecycle's workflows run on. */
  lifecycleQueue: string;
  /** Runs `fn` while the lifecycle's workers poll: this process's on the dev server, the deployment's on the cluster. */
  withLifecycleWorkers<T>(fn: () => Promise<T>): Promise<T>;
  /** The in-process activity timings, where the lifecycle's worker is in this process. */
  activityTimes: Times | undefined;
  teardown(): Promise<void>;
}

const teardowns = new Set<() => Promise<void>>();
const watchdog = setTimeout(() => {
  console.error(`lifecycle-servers bench: still running after ${WATCHDOG_MS / 1000} s; stopping the servers`);
  void Promise.allSettled([...teardowns].map((t) => t())).finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const within = <T>(ms: number, promise: Promise<T>): Promise<T | 'timeout'> =>
  Promise.race([promise, sleep(ms, 'timeout' as const)]);

// ───────────────────────── the servers ─────────────────────────

async function startDevServer(bundle: Promise<WorkflowBundleWithSourceMap>): Promise<Server> {
  await ensureTemporalCli({ log: (line) => console.log(`  ${line}`) });
  const dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-bench-dev-'));
  // The product's workflows are bundled before anything is measured (a bundle takes a core for many seconds).
  const [env, workflows] = await Promise.all([
    startDevServerEnv({ dbFilename: path.join(dir, 'temporal.db') }),
    bundle,
  ]);
  const database = await freshDatabase().catch(async (error: unknown) => {
    await env.teardown();
    throw error;
  });
  const lifecycleQueue = 'bench-lifecycle';
  const activityTimes: Times = new Map();
  const timing: ActivityInterceptorsFactory = (ctx) => ({
    inbound: {
      async execute(input, next) {
        const started = performance.now();
        try {
          return await next(input);
        } finally {
          add(
            activityTimes,
            `${ctx.info.activityType}${ctx.info.isLocal ? ' (local)' : ''}`,
            performance.now() - started,
          );
        }
      },
    },
  });
  const teardown = async () => {
    await env.teardown();
    await database.dispose();
    await rm(dir, { recursive: true, force: true });
  };
  return {
    name: 'dev',
    client: env.client,
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    db: database.db,
    lifecycleQueue,
    activityTimes,
    async withLifecycleWorkers(fn) {
      // The product's worker (worker/run-worker.ts), with the activities timed.
      const worker = await Worker.create({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue: lifecycleQueue,
        workflowBundle: workflows,
        activities: createActivities({ db: database.db, temporal: { client: env.client, taskQueue: lifecycleQueue } }),
        workflowFailureErrorTypes: WORKFLOW_FAILURE_ERROR_TYPES,
        shutdownGraceTime: '10s',
        interceptors: { activity: [timing] },
        // As the product's worker reads it (WORKER_CACHED_WORKFLOWS); unset, the SDK's default.
        ...(CACHED_WORKFLOWS === undefined ? {} : { maxCachedWorkflows: CACHED_WORKFLOWS }),
      });
      return worker.runUntil(fn);
    },
    teardown,
  };
}

async function startCluster(): Promise<Server> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-bench-cluster-'));
  const deployment = await startDeployment({ dir, env: { DEMO_ROSTER: '0' }, log: (line) => console.log(`  ${line}`) });
  const closers: (() => Promise<unknown>)[] = [];
  const teardown = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await deployment.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const { address, namespace } = deployment.cluster;
    const clientConnection = await Connection.connect({ address });
    closers.push(() => clientConnection.close());
    const connection = await NativeConnection.connect({ address });
    closers.push(() => connection.close());
    const db = openDatabase(deployment.databaseUrl);
    closers.push(() => db.close());
    return {
      name: 'cluster',
      client: new Client({ connection: clientConnection, namespace }),
      connection,
      namespace,
      db,
      lifecycleQueue: TASK_QUEUE,
      activityTimes: undefined,
      withLifecycleWorkers: (fn) => fn(),
      teardown,
    };
  } catch (error) {
    await teardown();
    throw error;
  }
}

// ───────────────────────── 1. the trivial workflow ─────────────────────────

async function trivial(
  server: Server,
  bundle: WorkflowBundleWithSourceMap,
  kind: 'normal' | 'local',
): Promise<number | undefined> {
  const taskQueue = `bench-trivial-${kind}`;
  const worker = await Worker.create({
    connection: server.connection,
    namespace: server.namespace,
    taskQueue,
    workflowBundle: bundle,
    activities: { noop: async (step: number) => step },
  });
  return worker.runUntil(async () => {
    const started = performance.now();
    const handles = await Promise.all(
      Array.from({ length: TRIVIAL_WORKFLOWS }, (_, i) =>
        server.client.workflow.start(trivialWorkflow, {
          taskQueue,
          workflowId: `bench-trivial-${kind}-${i}`,
          args: [TRIVIAL_STEPS, kind],
        }),
      ),
    );
    const done = await within(TRIVIAL_TIMEOUT_MS, Promise.all(handles.map((h) => h.result())));
    if (done === 'timeout') {
      console.log(`  trivial ${server.name} ${kind}: not done within ${TRIVIAL_TIMEOUT_MS / 1000} s`);
      return undefined;
    }
    return (TRIVIAL_WORKFLOWS * TRIVIAL_STEPS) / ((performance.now() - started) / 1000);
  });
}

// ───────────────────────── 2. the lifecycle's catch-up ─────────────────────────

interface CatchUp {
  transitions: number;
  seconds: number;
  timedOut: boolean;
  assignmentIds: string[];
}

async function catchUp(server: Server): Promise<CatchUp> {
  const { client, db } = server;
  const people = await loadDirectory(db.prisma);
  const currentMonth = dayOf(Date.now()).slice(0, 7);
  const effectiveFrom = `${monthsBefore(currentMonth, MONTHS)}-01`;
  const assignmentIds = Array.from({ length: N }, (_, i) => `bench-${server.name}-${i}`);
  const baseline = await db.prisma.auditEvent.count();

  const currentMonthsStarted = async () => {
    for (const id of assignmentIds) {
      try {
        await client.workflow.getHandle(monthlyCycleWorkflowId(id, currentMonth)).describe();
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      }
    }
    return true;
  };

  const started = performance.now();
  // All at once; each dated on its effective day, as a successor's appointment comes in.
  await startAssignmentsInForce(client, {
    taskQueue: server.lifecycleQueue,
    people,
    prefix: `bench-${server.name}-`,
    n: N,
    concurrency: N,
    effectiveFrom,
    register: 'BENCH',
  });

  let count = baseline;
  let lastChange = performance.now();
  let lastLog = lastChange;
  let timedOut = false;
  for (;;) {
    await sleep(500);
    const now = performance.now();
    const seen = await db.prisma.auditEvent.count();
    if (seen !== count) [count, lastChange] = [seen, now];
    if (now - lastLog >= 30_000) {
      console.log(`  lifecycle ${server.name}: ${count - baseline} audit rows after ${seconds(now - started)} s`);
      lastLog = now;
    }
    if (now - started > CATCHUP_TIMEOUT_MS) {
      timedOut = true;
      break;
    }
    if (now - lastChange >= QUIET_MS && (await currentMonthsStarted())) break;
  }
  if (timedOut) {
    const months = (await currentMonthsStarted()) ? 'started' : 'not all started';
    console.log(
      `  lifecycle ${server.name}: catch-up not done within ${CATCHUP_TIMEOUT_MS / 1000} s (rows still growing ` +
        `${seconds(performance.now() - lastChange)} s ago, current months ${months}); figures up to then`,
    );
  }
  return { transitions: count - baseline, seconds: (lastChange - started) / 1000, timedOut, assignmentIds };
}

// ───────────────────────── 4. the month's opening as the work grows ─────────────────────────

interface Opening {
  n: number;
  opened: number;
  startsSeconds: number;
  seconds: number;
  timedOut: boolean;
}

/** N assignments in force since the 1st of this month, started at once; done when every one's month has opened. */
async function monthOpening(server: Server, n: number): Promise<Opening> {
  const { client, db } = server;
  const people = await loadDirectory(db.prisma);
  const effectiveFrom = `${dayOf(Date.now()).slice(0, 7)}-01`;
  const prefix = `bench-open-${server.name}-${n}-`;
  const opened = () =>
    db.prisma.auditEvent.count({
      where: { action: 'MONTHLY_PLAN_DEADLINE_OPENED', assignmentId: { startsWith: prefix } },
    });
  const began = performance.now();
  await startAssignmentsInForce(client, {
    taskQueue: server.lifecycleQueue,
    people,
    prefix,
    n,
    concurrency: OPENING_CONCURRENCY,
    effectiveFrom,
    register: 'OPEN',
  });
  const startsSeconds = (performance.now() - began) / 1000;
  let count = 0;
  let lastLog = performance.now();
  for (;;) {
    count = await opened();
    const now = performance.now();
    if (count >= n) break;
    if (now - began > OPENING_TIMEOUT_MS) {
      return { n, opened: count, startsSeconds, seconds: (now - began) / 1000, timedOut: true };
    }
    if (now - lastLog >= 30_000) {
      console.log(`  month opening ${server.name}: ${count} of ${n} months open after ${seconds(now - began)} s`);
      lastLog = now;
    }
    await sleep(250);
  }
  return { n, opened: count, startsSeconds, seconds: (performance.now() - began) / 1000, timedOut: false };
}

function openingLine(name: string, o: Opening): string {
  const rate = o.opened / o.seconds;
  return (
    `month opening ${name}: ${o.n} assignments, ${o.opened} months open in ${o.seconds.toFixed(1)} s ` +
    `(client starts ${o.startsSeconds.toFixed(1)} s), ${rate.toFixed(1)} months/s, ` +
    `${((o.seconds * 1000) / Math.max(o.opened, 1)).toFixed(1)} ms per assignment` +
    (o.timedOut ? ` (not done: timed out after ${OPENING_TIMEOUT_MS / 1000} s)` : '')
  );
}

// ───────────────────────── 5. where the time goes ─────────────────────────

function timeLine(source: string, wallS: number, times: Times): string {
  const rows = [...times.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((sum, [, t]) => sum + t.ms, 0);
  const parts = rows.map(([type, t]) => `${type} ${t.count} × ${(t.ms / t.count).toFixed(1)} ms`);
  return `  time (${source}): activities ${seconds(total)} s of ${wallS.toFixed(1)} s wall (${parts.join(', ')})`;
}

/**
 * Where the time goes as the server recorded it, from every history of the bench's assignments (all their runs, months
 * and evaluations): each workflow type's workflow tasks, from WorkflowTaskStarted to WorkflowTaskCompleted (a local
 * activity runs inside its workflow task, so its time is there); each normal activity from ActivityTaskStarted to
 * ActivityTaskCompleted; local activities counted from their markers (a marker's times are not on one clock, so no
 * duration is taken from them).
 */
async function historyTimes(server: Server, assignmentIds: string[]) {
  const tasks: Times = new Map();
  const activities: Times = new Map();
  const locals = new Map<string, number>();
  const executions: { workflowId: string; runId: string }[] = [];
  for (const id of assignmentIds) {
    for await (const execution of server.client.workflow.list({
      query: `WorkflowId STARTS_WITH "${assignmentWorkflowId(id)}"`,
    })) {
      executions.push({ workflowId: execution.workflowId, runId: execution.runId });
    }
  }
  let next = 0;
  const fetchSome = async () => {
    for (let e = executions[next++]; e; e = executions[next++]) {
      const history = await server.client.workflow.getHandle(e.workflowId, e.runId).fetchHistory();
      let workflowType = '?';
      let taskStartedAt: number | undefined;
      const scheduled = new Map<string, string>();
      const startedAt = new Map<string, number>();
      for (const event of history.events ?? []) {
        const at = tsToMs(event.eventTime);
        if (event.workflowExecutionStartedEventAttributes) {
          workflowType = event.workflowExecutionStartedEventAttributes.workflowType?.name ?? '?';
        } else if (event.workflowTaskStartedEventAttributes) {
          taskStartedAt = at;
        } else if (event.workflowTaskCompletedEventAttributes && taskStartedAt !== undefined) {
          add(tasks, workflowType, at - taskStartedAt);
          taskStartedAt = undefined;
        } else if (event.activityTaskScheduledEventAttributes) {
          scheduled.set(String(event.eventId), event.activityTaskScheduledEventAttributes.activityType?.name ?? '?');
        } else if (event.activityTaskStartedEventAttributes) {
          startedAt.set(String(event.activityTaskStartedEventAttributes.scheduledEventId), at);
        } else if (event.activityTaskCompletedEventAttributes) {
          const key = String(event.activityTaskCompletedEventAttributes.scheduledEventId);
          const from = startedAt.get(key);
          if (from !== undefined) add(activities, scheduled.get(key) ?? '?', at - from);
        } else if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity') {
          const data = event.markerRecordedEventAttributes.details?.data?.payloads?.[0]?.data;
          const type = data
            ? String((JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: unknown }).activity_type)
            : '?';
          locals.set(type, (locals.get(type) ?? 0) + 1);
        }
      }
    }
  };
  const done = await within(HISTORIES_TIMEOUT_MS, Promise.all(Array.from({ length: 8 }, fetchSome)));
  const read = done === 'timeout' ? `, ${Math.min(next, executions.length)} of ${executions.length} read` : '';
  const total = (times: Times) => seconds([...times.values()].reduce((sum, t) => sum + t.ms, 0));
  const list = (times: Times) =>
    [...times.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([type, t]) => `${type} ${t.count} × ${(t.ms / t.count).toFixed(1)} ms`)
      .join(', ');
  const localList = [...locals.entries()].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${type} ${n}`);
  return [
    `  time (server's histories, ${executions.length} runs${read}): workflow tasks ${total(tasks)} s, summed over concurrent tasks (${list(tasks)})`,
    `  time (server's histories): activities ${total(activities)} s (${list(activities) || 'none'}); local activities, ` +
      `their time inside the workflow tasks: ${localList.join(', ') || 'none'}`,
  ];
}

// ───────────────────────── the run ─────────────────────────

async function benchOn(
  name: string,
  start: () => Promise<Server>,
  trivialBundle: WorkflowBundleWithSourceMap,
): Promise<void> {
  const began = performance.now();
  const server = await start();
  teardowns.add(server.teardown);
  const lines: string[] = [];
  try {
    console.log(`  ${name}: up in ${seconds(performance.now() - began)} s, load average ${loadavg()[0]!.toFixed(1)}`);
    const normal = await trivial(server, trivialBundle, 'normal');
    const local = await trivial(server, trivialBundle, 'local');
    const rate = (r: number | undefined) => (r === undefined ? 'not done' : `${r.toFixed(0)} steps/s`);
    lines.push(`trivial ${name} normal: ${rate(normal)}`, `trivial ${name} local: ${rate(local)}`);

    const run = await server.withLifecycleWorkers(() => catchUp(server));
    const r = run.transitions / run.seconds;
    lines.push(
      `load average ${name} (1 min, ${cpus().length} cores): ${loadavg()[0]!.toFixed(1)}`,
      `lifecycle ${name}: ${N} assignments, ${MONTHS} months, ${run.transitions} transitions in ${run.seconds.toFixed(0)} s, ` +
        `${r.toFixed(0)} transitions/s${run.timedOut ? ' (catch-up not done: timed out)' : ''}`,
      `lifecycle ${name} / trivial normal: ${normal ? (r / normal).toFixed(2) : 'n/a'}`,
      `lifecycle ${name} / trivial local: ${local ? (r / local).toFixed(2) : 'n/a'}`,
    );
    if (server.activityTimes) console.log(timeLine('in-process worker', run.seconds, server.activityTimes));
    const fromHistories = await historyTimes(server, run.assignmentIds).catch((error: unknown) => [
      `  time (server's histories): not read (${error instanceof Error ? error.message : String(error)})`,
    ]);
    for (const line of fromHistories) console.log(line);

    for (const n of OPENING_SIZES) {
      const opening = await server.withLifecycleWorkers(() => monthOpening(server, n));
      const line = openingLine(name, opening);
      console.log(`  ${line}`);
      lines.push(line);
      if (opening.timedOut) break; // a larger N would not finish either
    }
  } finally {
    // The figures first: a client's retry timer was seen to throw once its channel had closed in the teardown.
    console.log(`  ${name}: ${seconds(performance.now() - began)} s in all`);
    for (const line of lines) console.log(line);
    teardowns.delete(server.teardown);
    await server.teardown();
  }
}

const trivialBundle = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('./trivial.workflow.ts', import.meta.url)),
  logger: quiet,
});
try {
  for (const name of SERVERS) {
    if (name === 'dev') {
      const bundle =
        START_PATH === 'client'
          ? workflowBundleForTimeSkipping()
          : STACK_TRACES
            ? bundleWorkflowCode({
                workflowsPath: WORKFLOWS_PATH,
                preloadModules: preloadedModules(true),
                logger: quiet,
              })
            : workflowBundle();
      await benchOn('dev', () => startDevServer(bundle), trivialBundle);
    } else if (name === 'cluster') await benchOn('cluster', startCluster, trivialBundle);
    else throw new Error(`BENCH_SERVERS: unknown server ${name} (dev, cluster)`);
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
}
// Everything is stopped by now, but the SDK's runtime was seen to keep the process alive for minutes after.
process.exit();
