/**
 * Lifecycle benchmark: N concurrent five-year assignments on the real time-skipping server with the real
 * policy, worker, activities and a fresh SQLite database. Nobody files anything, so every month misses its
 * deadlines and escalates (the heaviest path); at five years leadership approves the system's rotation
 * proposals and each assignment hands over to a successor and closes.
 *
 *   npm run bench                    # N=30
 *   BENCH_ASSIGNMENTS=50 npm run bench
 *
 * Last line: `lifecycle: N assignments, Y years, T transitions, R transitions/s, peak RSS M MiB`,
 * where a transition is one persisted, audited state change (one audit row).
 */
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { DEFAULT_POLICY } from '../../machines/policy';
import { approveUpdate, assignmentStateQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { dayOf } from '../../machines/calendar';
import { assignmentWorkflowId } from '../../workflows/ids';
import { freshDatabase, workflowBundleForTimeSkipping } from '../support/lifecycle-harness';
import { loadDirectory } from '../support/directory';
import { startTimeSkippingEnv } from '../support/temporal';

/**
 * 30 by default: it finishes in about 7 minutes on 2 cores (47 transitions/s, peak RSS 2 GiB with the
 * worker's cache); 200 would run some 45 minutes and hold far more memory.
 */
const N = Number(process.env.BENCH_ASSIGNMENTS ?? 30);
const YEARS = 5;
const DAY = 86_400_000;
const STEP = 7 * DAY;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);

const [env, database, bundle] = await Promise.all([
  startTimeSkippingEnv(),
  freshDatabase(),
  workflowBundleForTimeSkipping(),
]);
const people = await loadDirectory(database.db.prisma);
const taskQueue = 'bench';
const worker = await Worker.create({
  connection: env.nativeConnection,
  taskQueue,
  workflowBundle: bundle,
  activities: createActivities({ db: database.db, temporal: { client: env.client, taskQueue } }),
  maxCachedWorkflows: 2_000,
});

const phases: Record<string, number> = {};
const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    phases[name] = (phases[name] ?? 0) + (performance.now() - t0) / 1000;
  }
};

const started = performance.now();
await worker.runUntil(async () => {
  const startYear = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
  const [leader] = people.leaders;
  const handles = await timed('start and approve', () =>
    Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const area = people.areas[i % people.areas.length]!;
        const official = people.specialists[i % people.specialists.length]!;
        const handle = await env.client.workflow.start(assignmentWorkflow, {
          taskQueue,
          workflowId: assignmentWorkflowId(`bench-${i}`),
          args: [
            {
              assignmentId: `bench-${i}`,
              areaId: area.id,
              officialId: official.id,
              proposedBy: people.departmentHead.id,
              reason: 'benchmark',
              effectiveFrom: `${startYear}-01-01`,
              policy: DEFAULT_POLICY,
            },
          ],
        });
        await handle.executeUpdate(approveUpdate, {
          args: [
            {
              actor: leader!,
              decision: {
                number: `${i + 1}-QĐ/BTCTU/BENCH`,
                issuedOn: dayOf(await env.currentTimeMs()),
                signerId: leader!.id,
              },
            },
          ],
        });
        return handle;
      }),
    ),
  );

  const mandatoryAt = Date.parse(`${startYear + YEARS}-01-02T05:00:00Z`);
  await timed('five years of server time', async () => {
    for (let now = await env.currentTimeMs(); now < mandatoryAt; now = await env.currentTimeMs()) {
      await env.sleep(Math.min(STEP, mandatoryAt - now));
    }
  });

  await timed('rotation decisions and handover', async () => {
    const approver = people.leaders[1]!;
    const today = dayOf(await env.currentTimeMs());
    await Promise.all(
      handles.map(async (handle, i) => {
        const view = await handle.query(assignmentStateQuery);
        if (view.pendingProposal?.kind !== 'ROTATION')
          throw new Error(`bench-${i}: no rotation proposal at 5 years (state ${view.state})`);
        await handle.executeUpdate(approveUpdate, {
          args: [
            {
              actor: approver,
              decision: { number: `${i + 1}-QĐ/BTCTU/BENCH-ROT`, issuedOn: today, signerId: approver.id },
            },
          ],
        });
      }),
    );
    // One result at a time: the time-skipping client's result() unlocks time skipping while it waits and
    // locks it again after. N of them at once sent N unlocks against the server's lock counter of 1, which went below
    // zero: the Java server's "Unbalanced lock and unlock calls" in its self-advancing timer, whose error (carrying the
    // timer's whole lock log) then exceeded the 16 KiB HTTP/2 header limit, and the worker's calls timed out until
    // killed. Waiting on them in turn keeps the counter balanced; the server still runs every workflow at once.
    const results = [];
    for (const handle of handles) results.push(await handle.result());
    const notRotated = results.filter((r) => r.closureReason !== 'ROTATED').length;
    if (notRotated > 0) throw new Error(`${notRotated} assignments did not close as rotated`);
  });
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);

const transitions = await database.db.prisma.auditEvent.count();
// Nothing doubled: a month's deadline steps are each taken once (one escalation past the miss in the default chain).
const doubled = await database.db.prisma.auditEvent.groupBy({
  by: ['entityId', 'action'],
  where: { entityType: 'Deadline', action: { startsWith: 'MONTHLY_' } },
  _count: { _all: true },
  having: { entityId: { _count: { gt: 1 } } },
});
console.log(`  monthly deadline steps on record more than once: ${doubled.length}`);
for (const [phase, s] of Object.entries(phases)) console.log(`  ${phase}: ${s.toFixed(1)} s`);
await env.teardown();
await database.dispose();
console.log(
  `lifecycle: ${N} assignments, ${YEARS} years, ${transitions} transitions, ${(transitions / seconds).toFixed(0)} transitions/s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
);
