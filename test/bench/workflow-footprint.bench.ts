/**
 * What one live workflow costs the worker: memory while it is cached, and CPU to start it.
 *
 * A local dev server (fresh, on a SQLite file of its own), the app's data in a fresh SQLite database, and the
 * product's worker in this process with a cache large enough for every workflow of the run. N assignments in force
 * since the 1st of this month are started through the client (as the lifecycle bench's month opening does); each
 * opens its month, so the cache then holds 2 N workflows (the assignment and its month), all waiting on timers.
 *
 * The worker runs its workflows in this thread (`debugMode`, the same reusable V8 context as the product's worker
 * thread, without the deadlock timeout) so that the heap measured here is the workflows' heap. Printed:
 *
 * - the workflow bundle's size (code without its source map) and its heaviest packages;
 * - heap used after a forced GC, before any workflow and with 2 N cached: the difference per cached workflow;
 * - the process's resident memory the same way (it also holds the server's client and the database's driver);
 * - the process's CPU time (user + system) from the first start to the last month opened, per assignment (its two
 *   workflows' first activations, their activities, the client's start), and per workflow.
 *
 *   npx tsx test/bench/workflow-footprint.bench.ts
 *   BENCH_FOOTPRINT_ASSIGNMENTS=300 npx tsx test/bench/workflow-footprint.bench.ts
 *   BENCH_FOOTPRINT_SAVE=/tmp/before.json …      (keeps the bundle it built, to compare with later code)
 *   BENCH_FOOTPRINT_BUNDLE=/tmp/before.json …    (runs that bundle instead of building one from the sources)
 *
 * Last line: `workflow footprint: N assignments, W workflows cached, H KiB heap per workflow, R KiB resident per
 * workflow, C ms CPU per assignment, bundle B KiB`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { dayOf } from '../../machines/calendar';
import { WORKFLOW_FAILURE_ERROR_TYPES } from '../../workflows/task-queue';
import { loadDirectory } from '../support/directory';
import { startAssignmentsInForce } from './assignments-in-force';
import { freshDatabase } from '../support/lifecycle-harness';
import { startDevServerEnv } from '../support/temporal';
import { buildWorkflowBundle } from '../support/workflow-bundles';

const N = Number(process.env.BENCH_FOOTPRINT_ASSIGNMENTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_FOOTPRINT_CONCURRENCY ?? 20);
const TIMEOUT_MS = Number(process.env.BENCH_FOOTPRINT_TIMEOUT_S ?? 600) * 1000;

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Heap used and resident memory after full collections, once the numbers settle. */
async function settled(): Promise<{ heap: number; rss: number }> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(100);
  }
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed, rss };
}

const KiB = (bytes: number) => (bytes / 1024).toFixed(0);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The bundle's code without its inline source map, and its heaviest packages or folders by source size. */
function bundleFigures(bundle: WorkflowBundleWithSourceMap): { bytes: number; heaviest: string } {
  const map = bundle.code.indexOf('//# sourceMappingURL');
  const code = map < 0 ? bundle.code : bundle.code.slice(0, map);
  const starts = [...code.matchAll(/^\/\*{3}\/ "([^"]+)"/gm)];
  const byGroup = new Map<string, number>();
  starts.forEach((match, i) => {
    const size = (starts[i + 1]?.index ?? code.length) - match.index;
    const parts = match[1]!.split('/');
    const group =
      parts[1] === 'node_modules' ? parts.slice(2, parts[2]!.startsWith('@') ? 4 : 3).join('/') : (parts[1] ?? '?');
    byGroup.set(group, (byGroup.get(group) ?? 0) + size);
  });
  const heaviest = [...byGroup]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([group, size]) => `${group} ${KiB(size)} KiB`)
    .join(', ');
  return { bytes: code.length, heaviest: `${starts.length} modules; ${heaviest}` };
}

const bundle: WorkflowBundleWithSourceMap = process.env.BENCH_FOOTPRINT_BUNDLE
  ? (JSON.parse(await readFile(process.env.BENCH_FOOTPRINT_BUNDLE, 'utf8')) as WorkflowBundleWithSourceMap)
  : await buildWorkflowBundle('servers');
if (process.env.BENCH_FOOTPRINT_SAVE) await writeFile(process.env.BENCH_FOOTPRINT_SAVE, JSON.stringify(bundle));
const { bytes, heaviest } = bundleFigures(bundle);
console.log(`  bundle: ${KiB(bytes)} KiB of code, ${heaviest}`);

const dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-bench-footprint-'));
const env = await startDevServerEnv({ dbFilename: path.join(dir, 'temporal.db') });
const database = await freshDatabase();
const queue = 'bench-footprint';
try {
  const { client } = env;
  const db = database.db;
  const people = await loadDirectory(db.prisma);
  const effectiveFrom = `${dayOf(Date.now()).slice(0, 7)}-01`;
  const prefix = 'bench-footprint-';
  const opened = () =>
    db.prisma.auditEvent.count({
      where: { action: 'MONTHLY_PLAN_DEADLINE_OPENED', assignmentId: { startsWith: prefix } },
    });

  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: queue,
    workflowBundle: bundle,
    activities: createActivities({ db, temporal: { client, taskQueue: queue } }),
    workflowFailureErrorTypes: WORKFLOW_FAILURE_ERROR_TYPES,
    shutdownGraceTime: '10s',
    maxCachedWorkflows: 2 * N + 100,
    debugMode: true,
  });
  const figures = await worker.runUntil(async () => {
    const before = await settled();
    const cpuBefore = cpuMs();
    const began = performance.now();
    await startAssignmentsInForce(client, {
      taskQueue: queue,
      people,
      prefix,
      n: N,
      concurrency: CONCURRENCY,
      effectiveFrom,
      register: 'FOOT',
    });
    let count = 0;
    while ((count = await opened()) < N) {
      if (performance.now() - began > TIMEOUT_MS) throw new Error(`only ${count} of ${N} months opened in time`);
      await sleep(250);
    }
    const cpu = cpuMs() - cpuBefore;
    const seconds = (performance.now() - began) / 1000;
    // Let the last activations finish before measuring what stays.
    await sleep(2000);
    const after = await settled();
    return { before, after, cpu, seconds };
  });
  const workflows = 2 * N;
  const { before, after, cpu, seconds } = figures;
  console.log(
    `  ${N} assignments' months open in ${seconds.toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)} ` +
      `(${cpus().length} cores); heap ${KiB(before.heap)} → ${KiB(after.heap)} KiB, ` +
      `resident ${KiB(before.rss)} → ${KiB(after.rss)} KiB`,
  );
  console.log(
    `workflow footprint: ${N} assignments, ${workflows} workflows cached, ` +
      `${KiB((after.heap - before.heap) / workflows)} KiB heap per workflow, ` +
      `${KiB((after.rss - before.rss) / workflows)} KiB resident per workflow, ` +
      `${(cpu / N).toFixed(1)} ms CPU per assignment (${(cpu / workflows).toFixed(1)} ms per workflow), ` +
      `bundle ${KiB(bytes)} KiB`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await env.teardown();
  await database.dispose();
  await rm(dir, { recursive: true, force: true });
}
// The SDK's runtime was seen to keep the process alive after everything stopped (as in the other benches).
process.exit();
