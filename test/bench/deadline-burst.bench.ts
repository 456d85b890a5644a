/**
 * The deadline's passing at scale. On each target of BENCH_TARGETS (test/bench/target.ts; default dev; `cluster` is
 * `npm run cluster`'s deployment), BENCH_BURST_ASSIGNMENTS assignments in force since the 1st of last month are started
 * at once through the Temporal client on the target's own task queue, served by the target's own workers: each opens
 * last month's cycle with its deadlines already passed, so its plan and report are missed and escalated together, then
 * this month's cycle opens. The product's notification dispatcher delivers what the escalations send. Meanwhile
 * BENCH_DURING_CONNECTIONS read the inbox, the dashboard's overdue list and summary, and the assignments list.
 *
 *   npm run bench:burst                                                    # 300 assignments on the dev server
 *   BENCH_TARGETS=cluster BENCH_BURST_ASSIGNMENTS=2000 npm run bench:burst   # on the local cluster
 *
 * Lines per target:
 * `burst <target>: N assignments, A audit rows in S s (R rows/s), starts answered in X s, every month open`;
 * `burst notifications <target>: M messages, D deliveries (delivered K, failed F) settled in S s, R deliveries/s`;
 * `reads during the burst <target>: …` (test/bench/load.ts's line); the databases' size and the peak memory.
 * Done when both months of every assignment are open, no audit row has come for BENCH_QUIET_S (10) seconds and every
 * message of the burst is settled, bounded by BENCH_BURST_TIMEOUT_S (900).
 */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { addDays, dayOf } from '../../machines/calendar';
import { openDatabase, type Database } from '../../prisma/database';
import { TASK_QUEUE } from '../../workflows/task-queue';
import { loadDirectory } from '../support/directory';
import { startAssignmentsInForce } from './assignments-in-force';
import { loadLine, login, runLoad } from './load';
import { footprintLines, onEachTarget, type Target } from './target';

const N = Number(process.env.BENCH_BURST_ASSIGNMENTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_BURST_CONCURRENCY ?? 50);
const DURING_CONNECTIONS = Number(process.env.BENCH_DURING_CONNECTIONS ?? 2);
const QUIET_MS = Number(process.env.BENCH_QUIET_S ?? 10) * 1000;
const TIMEOUT_MS = Number(process.env.BENCH_BURST_TIMEOUT_S ?? 900) * 1000;
const OPENED = 'MONTHLY_PLAN_DEADLINE_OPENED';

const seconds = (ms: number) => (ms / 1000).toFixed(1);

interface Progress {
  rows: number;
  opened: number;
  messages: number;
  unsettled: number;
}

/** A message is dated on its step (which may be a passed deadline), so the burst's are told by the count before it. */
async function progressOf(db: Database, prefix: string, messagesBefore: number): Promise<Progress> {
  const mine = { assignmentId: { startsWith: prefix } };
  const [rows, opened, messages, unsettled] = await Promise.all([
    db.prisma.auditEvent.count({ where: mine }),
    db.prisma.auditEvent.count({ where: { ...mine, action: OPENED } }),
    db.prisma.outboxMessage.count(),
    db.prisma.outboxMessage.count({ where: { deliveredAt: null } }),
  ]);
  return { rows, opened, messages: messages - messagesBefore, unsettled };
}

async function deliveriesByStatus(db: Database): Promise<Map<string, number>> {
  const groups = await db.prisma.notificationDelivery.groupBy({ by: ['status'], _count: { _all: true } });
  return new Map(groups.map((g) => [g.status, g._count._all]));
}

async function burst(target: Target, say: (line: string) => void): Promise<void> {
  const db = openDatabase(target.databaseUrl);
  const connection = await Connection.connect({ address: target.temporal.address });
  try {
    const client = new Client({ connection, namespace: target.temporal.namespace });
    const people = await loadDirectory(db.prisma);
    const leader = await login(target.bases[0]!, 'ld02');
    const effectiveFrom = `${addDays(`${dayOf(Date.now()).slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
    const prefix = `burst-${target.name}-`;
    const messagesBefore = await db.prisma.outboxMessage.count();
    const deliveriesBefore = await deliveriesByStatus(db);

    let bursting = true;
    const mix = ['/approvals/inbox?limit=20', '/dashboard/overdue', '/dashboard/summary', '/assignments?limit=50'];
    const during = runLoad(target.bases, DURING_CONNECTIONS, (i) =>
      bursting ? { path: mix[i % mix.length]!, token: leader.token } : undefined,
    );

    const began = performance.now();
    await startAssignmentsInForce(client, {
      taskQueue: TASK_QUEUE,
      people,
      prefix,
      n: N,
      concurrency: CONCURRENCY,
      effectiveFrom,
      register: 'BURST',
    });
    const startsMs = performance.now() - began;

    let last = await progressOf(db, prefix, messagesBefore);
    let lastRowAt = performance.now();
    let lastSettledAt = lastRowAt;
    let lastLog = lastRowAt;
    let timedOut = false;
    for (;;) {
      await sleep(500);
      const now = performance.now();
      const seen = await progressOf(db, prefix, messagesBefore);
      if (seen.rows !== last.rows) lastRowAt = now;
      if (seen.unsettled !== last.unsettled || seen.messages !== last.messages) lastSettledAt = now;
      last = seen;
      if (now - lastLog >= 30_000) {
        console.log(
          `  burst ${target.name}: ${seen.rows} audit rows, ${seen.opened} of ${2 * N} months open, ` +
            `${seen.messages - seen.unsettled} of ${seen.messages} messages settled after ${seconds(now - began)} s`,
        );
        lastLog = now;
      }
      if (seen.opened >= 2 * N && seen.unsettled === 0 && now - lastRowAt >= QUIET_MS) break;
      if (now - began > TIMEOUT_MS) {
        timedOut = true;
        break;
      }
    }
    bursting = false;
    const reads = await during;

    const burstMs = lastRowAt - began;
    say(
      `burst ${target.name}: ${N} assignments, ${last.rows} audit rows in ${seconds(burstMs)} s ` +
        `(${((last.rows * 1000) / burstMs).toFixed(1)} rows/s), starts answered in ${seconds(startsMs)} s, ` +
        (timedOut
          ? `not done within ${TIMEOUT_MS / 1000} s (${last.opened} of ${2 * N} months open, ${last.unsettled} messages unsettled)`
          : 'every month open'),
    );
    const deliveries = await deliveriesByStatus(db);
    const count = (status: string) => (deliveries.get(status) ?? 0) - (deliveriesBefore.get(status) ?? 0);
    const total = ['PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'SKIPPED'].reduce((sum, s) => sum + count(s), 0);
    const settledMs = lastSettledAt - began;
    say(
      `burst notifications ${target.name}: ${last.messages} messages, ${total} deliveries (delivered ` +
        `${count('DELIVERED')}, failed ${count('FAILED')}, skipped ${count('SKIPPED')}) settled in ${seconds(settledMs)} s, ` +
        `${((count('DELIVERED') * 1000) / Math.max(1, settledMs)).toFixed(1)} delivered/s`,
    );
    say(loadLine(`reads during the burst ${target.name}`, reads, DURING_CONNECTIONS));
    for (const line of await footprintLines('burst', target)) say(line);
  } finally {
    await connection.close();
    await db.close();
  }
}

const [one, five, fifteen] = loadavg();
console.log(
  `burst: ${N} assignments in force since last month's 1st, ${DURING_CONNECTIONS} connections reading; ` +
    `load average ${one!.toFixed(2)} ${five!.toFixed(2)} ${fifteen!.toFixed(2)}`,
);
await onEachTarget('burst', 'dev', burst);
