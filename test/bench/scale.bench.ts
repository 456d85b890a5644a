/**
 * A province at scale, built through the product's own bulk paths, then its reads timed. On each target of
 * BENCH_TARGETS (test/bench/target.ts; default dev; `cluster` is `npm run cluster`'s deployment):
 *
 * 1. the organisation: BENCH_ASSIGNMENTS communes through `POST /areas/import` and one official for every
 *    BENCH_PER_OFFICIAL of them through `POST /officials/import` (files of BENCH_IMPORT_ROWS lines, default 1,000,
 *    within the import bounds), as an administrator;
 * 2. the roster: BENCH_ASSIGNMENTS assignments in force through `POST /assignments/import` (the roster's bulk path, in
 *    files of BENCH_ROSTER_ROWS, default 100; a 504 is retried with the same file), each in its own commune, in effect
 *    since BENCH_YEARS years back (rotation tiers count from it; nothing before the import day is charged, so the
 *    records begin at the import);
 * 3. the month's opening: the time until every imported assignment's month has opened (its first MONTHLY_*_OPENED
 *    audit row), bounded by BENCH_OPENING_TIMEOUT_S; those imported after this month's plan was due are first charged
 *    next month, so they are counted and not waited for (run it early in a month to measure the opening); all through
 *    the import and the opening, BENCH_DURING_CONNECTIONS (2) read the inbox, the dashboard summary, the assignments
 *    list and the areas in turn, one line for their latency;
 * 4. half of the officials get an account (`POST /admin/accounts`, their one-time password changed) and file their
 *    assignments' plans through `POST /assignments/:id/months/:month/plan` at BENCH_CONNECTIONS (late in the month the
 *    plan is closed and the answer a 409, counted apart);
 * 5. the reads, each alone for BENCH_READ_SECONDS at BENCH_CONNECTIONS as Board leadership: the lists (assignments,
 *    officials, areas, plans, the approvals inbox), the dashboard (summary, overdue), the assignment view, the timeline
 *    and the exports (areas, plans, overdue as CSV);
 * 6. the databases' size and each process's peak memory.
 *
 *   npm run bench:scale                                              # 300 assignments on the dev server
 *   BENCH_TARGETS=cluster BENCH_ASSIGNMENTS=10000 npm run bench:scale   # the national order of size
 *
 * Each read prints `read <name> <target>: R req/s, p50 X ms, p95 Y ms, p99 Z ms, max M ms at C connections (…)`;
 * the build's lines print the time of each step. Not measured here: the deadline's passing (reminders, escalation
 * burst, notifications per second), which is test/bench/deadline-burst.bench.ts's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { loadavg } from 'node:os';
import { dayOf } from '../../machines/calendar';
import { openDatabase } from '../../prisma/database';
import { apiCall, type Call, type Load, loadLine, login, runLoad } from './load';
import { cpuSeconds, footprintLines, onEachTarget, type Target } from './target';

const ASSIGNMENTS = Number(process.env.BENCH_ASSIGNMENTS ?? 300);
const PER_OFFICIAL = Number(process.env.BENCH_PER_OFFICIAL ?? 5);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1000);
/** A roster file's rows: its import starts two Temporal calls a row under one bound of 120 s. */
const ROSTER_ROWS = Number(process.env.BENCH_ROSTER_ROWS ?? 100);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 10);
/** Connections reading (inbox, dashboard summary, assignments list, areas in turn) while the province is built. */
const DURING_CONNECTIONS = Number(process.env.BENCH_DURING_CONNECTIONS ?? 2);
const OPENING_TIMEOUT_MS = Number(process.env.BENCH_OPENING_TIMEOUT_S ?? 900) * 1000;
const OFFICIALS = Math.ceil(ASSIGNMENTS / PER_OFFICIAL);

const pad = (n: number) => String(n).padStart(5, '0');
const areaCode = (n: number) => `SCALE-${pad(n)}`;
const officialCode = (n: number) => `SC-${pad(n)}`;
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** CSV lines in files of at most IMPORT_ROWS, each with the header. */
function files(header: string, lines: string[], rows = IMPORT_ROWS): string[] {
  const out: string[] = [];
  for (let at = 0; at < lines.length; at += rows) out.push([header, ...lines.slice(at, at + rows)].join('\n') + '\n');
  return out;
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const began = performance.now();
  const result = await run();
  console.log(`  ${label} in ${seconds(performance.now() - began)} s`);
  return result;
}

async function buildAndRead(target: Target, say: (line: string) => void): Promise<void> {
  const base = target.bases[0]!;
  const admin = await login(base, 'admin');
  const leader = await login(base, 'ld02');
  const today = dayOf(Date.now());
  const month = today.slice(0, 7);
  const start = `${Number(today.slice(0, 4)) - YEARS}${today.slice(4, 7)}-01`;

  // 1. The organisation.
  const areaLines = Array.from({ length: ASSIGNMENTS }, (_, n) => `${areaCode(n)},Xã quy mô ${n},COMMUNE,COMMUNE`);
  const areasMs = performance.now();
  for (const [i, content] of files('code,name,kind,level', areaLines).entries())
    await apiCall(base, 'POST', '/areas/import', admin.token, { file: `scale-areas-${i}.csv`, content });
  const officialLines = Array.from(
    { length: OFFICIALS },
    (_, n) => `${officialCode(n)},Cán bộ quy mô ${n},SPECIALIST,CSD,${start}`,
  );
  for (const [i, content] of files('code,full_name,position,department,active_from', officialLines).entries())
    await apiCall(base, 'POST', '/officials/import', admin.token, { file: `scale-officials-${i}.csv`, content });
  say(
    `scale ${target.name}: ${ASSIGNMENTS} areas and ${OFFICIALS} officials imported in ${seconds(performance.now() - areasMs)} s`,
  );

  // 2. The roster: one decision per assignment, dated on its start.
  const rosterLines = Array.from(
    { length: ASSIGNMENTS },
    (_, n) => `${areaCode(n)},${officialCode(n % OFFICIALS)},${start},${n + 1}-QĐ/BTCTU/SCALE,${start},LD-01`,
  );
  // Reads at a low concurrency all through the import and the months' opening, the workers' burst.
  let building = true;
  const duringMix = ['/approvals/inbox?limit=20', '/dashboard/summary', '/assignments?limit=50', '/areas'];
  const during = runLoad(target.bases, DURING_CONNECTIONS, (i) =>
    building ? { path: duringMix[i % duringMix.length]!, token: leader.token } : undefined,
  );
  const importMs = performance.now();
  const imported: { assignmentId: string; officialId: string }[] = [];
  for (const [i, content] of files(
    'area,official,start,decision_number,decision_date,signer',
    rosterLines,
    ROSTER_ROWS,
  ).entries()) {
    // After a 504 the same file again starts the rest: its answer names the earlier attempt's rows as already imported.
    type Row = { assignmentId: string; officialId: string };
    const result = await apiCall<{ imported: Row[]; alreadyImported: Row[] }>(
      base,
      'POST',
      '/assignments/import',
      admin.token,
      { file: `scale-roster-${i}.csv`, content },
    );
    imported.push(...result.imported, ...result.alreadyImported);
  }
  const importSeconds = (performance.now() - importMs) / 1000;
  say(
    `scale ${target.name}: ${imported.length} assignments imported in ${importSeconds.toFixed(1)} s, ` +
      `${(imported.length / importSeconds).toFixed(1)} assignments/s`,
  );

  // 3. The month's opening, from the roster import's start.
  const db = openDatabase(target.databaseUrl);
  try {
    const opened = async () =>
      (
        await db.prisma.auditEvent.groupBy({
          by: ['assignmentId'],
          where: {
            action: { in: ['MONTHLY_PLAN_DEADLINE_OPENED', 'MONTHLY_REPORT_DEADLINE_OPENED'] },
            assignmentId: { startsWith: 'imported-' },
          },
        })
      ).length;
    // An assignment imported after its month's plan was due is first charged next month (its ASSIGNMENT_IMPORTED row's
    // firstMonth): its month cannot open while the bench runs, so only those charged this month are waited for.
    const firstMonths = async () =>
      (
        await db.prisma.auditEvent.findMany({
          where: { action: 'ASSIGNMENT_IMPORTED', assignmentId: { startsWith: 'imported-' } },
          select: { payload: true },
        })
      ).map((row) => (row.payload as { firstMonth?: string } | null)?.firstMonth);
    let charged = await firstMonths();
    while (charged.length < imported.length && performance.now() - importMs < OPENING_TIMEOUT_MS) {
      await sleep(500);
      charged = await firstMonths();
    }
    const thisMonth = dayOf(Date.now()).slice(0, 7);
    const expected = charged.filter((month) => month === thisMonth).length;
    if (expected < imported.length)
      say(
        `scale ${target.name}: ${imported.length - expected} of ${imported.length} assignments first charged after ` +
          `${thisMonth} (imported after this month's plan was due): not waited for`,
      );
    let open = 0;
    let lastLog = performance.now();
    for (;;) {
      open = await opened();
      if (open >= expected || performance.now() - importMs > OPENING_TIMEOUT_MS) break;
      if (performance.now() - lastLog > 30_000) {
        console.log(`  ${open} of ${imported.length} months open after ${seconds(performance.now() - importMs)} s`);
        lastLog = performance.now();
      }
      await sleep(500);
    }
    const openSeconds = (performance.now() - importMs) / 1000;
    say(
      `scale ${target.name}: ${open} of ${expected} months open ${openSeconds.toFixed(1)} s after the import began` +
        `${open < expected ? ' (timed out: BENCH_OPENING_TIMEOUT_S)' : ''}, ${(open / openSeconds).toFixed(1)} months/s`,
    );
  } finally {
    building = false;
    await db.close();
  }
  say(loadLine(`reads during the import and the months' opening ${target.name}`, await during, DURING_CONNECTIONS));

  // 4. Half of the officials file their plans.
  const filers = Math.ceil(OFFICIALS / 2);
  const db2 = openDatabase(target.databaseUrl);
  const ids = new Map(
    (
      await db2.prisma.official.findMany({
        where: { code: { in: Array.from({ length: filers }, (_, n) => officialCode(n)) } },
        select: { id: true, code: true },
      })
    ).map((o) => [o.code, o.id]),
  );
  await db2.close();
  const tokens = new Map<string, string>();
  await timed(`${filers} accounts created and their passwords changed`, async () => {
    for (let n = 0; n < filers; n += 1) {
      const official = ids.get(officialCode(n))!;
      const username = `scale${pad(n)}`;
      const created = await apiCall<{ oneTimePassword: string }>(base, 'POST', '/admin/accounts', admin.token, {
        username,
        roles: ['OFFICIAL'],
        officialId: official,
      });
      const first = await login(base, username, created.oneTimePassword);
      const changed = await apiCall<{ token: string }>(base, 'POST', '/me/password', first.token, {
        currentPassword: created.oneTimePassword,
        newPassword: `Quy-mo-${n}-2026-bench`,
      });
      tokens.set(official, changed.token);
    }
  });
  const plans = imported.filter((a) => tokens.has(a.officialId));
  const filing = await runLoad(target.bases, CONNECTIONS, (i) => {
    const a = plans[i];
    return a
      ? {
          method: 'POST',
          path: `/assignments/${a.assignmentId}/months/${month}/plan`,
          token: tokens.get(a.officialId)!,
          headers: { 'idempotency-key': `scale-plan-${a.assignmentId}` },
          body: { content: 'Kế hoạch đi cơ sở (benchmark)', plannedFor: today, place: 'UBND xã' },
        }
      : undefined;
  });
  say(loadLine(`plans filed ${target.name} (${plans.length} of ${imported.length} assignments)`, filing, CONNECTIONS));

  // 5. The reads.
  const assignmentIds = imported.map((a) => a.assignmentId);
  const reads: [string, (i: number) => string][] = [
    ['assignments list', () => '/assignments?limit=50'],
    ['assignments list searched', () => '/assignments?limit=50&q=quy%20m%C3%B4%201'],
    ['officials list', () => '/officials'],
    ['areas list', () => '/areas'],
    ['plans list', () => `/plans?limit=50`],
    ['approvals inbox', () => '/approvals/inbox?limit=20'],
    ['dashboard summary', () => '/dashboard/summary'],
    ['dashboard overdue', () => '/dashboard/overdue?limit=50'],
    ['assignment view', (i) => `/assignments/${assignmentIds[i % assignmentIds.length]}`],
    ['timeline', (i) => `/assignments/${assignmentIds[i % assignmentIds.length]}/timeline`],
    ['export areas.csv', () => '/exports/areas.csv'],
    ['export plans.csv', () => '/exports/plans.csv'],
    ['export overdue.csv', () => '/exports/overdue.csv'],
  ];
  const processes = await target.processes();
  for (const [name, path] of reads) {
    const before = await Promise.all(processes.map(({ pid }) => cpuSeconds(pid)));
    const load: Load = await runLoad(target.bases, CONNECTIONS, (i): Call => ({ path: path(i), token: leader.token }), {
      durationMs: READ_SECONDS * 1000,
    });
    const after = await Promise.all(processes.map(({ pid }) => cpuSeconds(pid)));
    const cpu = processes
      .map(({ role }, i) => `${role} ${(((after[i]! - before[i]!) * 1000) / Math.max(1, load.requests)).toFixed(1)}`)
      .join(', ');
    say(`${loadLine(`read ${name} ${target.name}`, load, CONNECTIONS)} [CPU ms/req: ${cpu}]`);
  }

  // 6. Sizes and memory.
  for (const line of await footprintLines('scale', target)) say(line);
}

const [one, five, fifteen] = loadavg();
console.log(
  `scale: ${ASSIGNMENTS} assignments, ${OFFICIALS} officials, reads at ${CONNECTIONS} connections for ${READ_SECONDS} s each; load average ${one!.toFixed(2)} ${five!.toFixed(2)} ${fifteen!.toFixed(2)}`,
);
await onEachTarget('scale', 'dev', buildAndRead);
