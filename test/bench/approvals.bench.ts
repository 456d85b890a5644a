/**
 * Approvals under load, on the dev server and on the cluster (test/bench/target.ts), one after the other so their
 * figures print side by side. An approval is the whole path: `POST /assignments/:id/approve` (with an
 * Idempotency-Key, as the web sends it) through the API to the assignment's workflow (an update) and back with its
 * answer. For each concurrency, that many fresh proposals times two at least (BENCH_APPROVALS), proposed one at a time
 * (not measured), then approved all at once by Board leadership, each with its own number in the register.
 *
 *   npm run bench:approvals                                   # dev, then cluster
 *   BENCH_TARGETS=dev BENCH_CONNECTIONS=1,10,50 npx tsx test/bench/approvals.bench.ts
 *
 * One line per target and concurrency:
 * `approvals <target>: R req/s, p50 X ms, p95 Y ms, p99 Z ms, max M ms at C connections (N requests in S s)`,
 * then a summary of them all (aim: p99 under 1 s at 50 connections on the dev server).
 */
import { openDatabase } from '../../prisma/database';
import { dayOf } from '../../machines/calendar';
import { apiCall, loadLine, login, runLoad } from './load';
import { startTarget, targetNames } from './target';

const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '50').split(',').map(Number);
const MIN_APPROVALS = Number(process.env.BENCH_APPROVALS ?? 100);
const OFFICIALS = ['cb001', 'cb002', 'cb003', 'cb004', 'cb005', 'cb006', 'cb007', 'cb008', 'cb009', 'cb010'];
const benchArea = (n: number) => `area-bench-approvals-${String(n).padStart(4, '0')}`;

const summary: string[] = [];
for (const name of targetNames('dev,cluster')) {
  console.log(`approvals on ${name}: starting it`);
  const target = await startTarget(name);
  try {
    const base = target.bases[0]!;
    const counts = CONNECTIONS.map((c) => Math.max(MIN_APPROVALS, 2 * c));
    // One area per proposal (one area, one assignment at a time); written straight in, as the other API benches do.
    const db = openDatabase(target.databaseUrl);
    await db.prisma.area.createMany({
      data: Array.from({ length: counts.reduce((a, b) => a + b, 0) }, (_, n) => ({
        id: benchArea(n),
        code: `BENCH-APPROVALS-${n}`,
        name: `Xã thử tải ${n}`,
        kind: 'COMMUNE' as const,
      })),
    });
    await db.close();
    const leader = await login(base, 'ld02');
    const proposer = await login(base, 'ld01');
    const officials = await Promise.all(OFFICIALS.map((u) => login(base, u)));
    // Vietnam's day: from 17:00 UTC a UTC date is the day before the proposals' (DECISION_BEFORE_PROPOSAL).
    const today = dayOf(Date.now());
    const month = today.slice(0, 7);
    let proposed = 0;
    for (const [level, connections] of CONNECTIONS.entries()) {
      const ids: string[] = [];
      for (let i = 0; i < counts[level]!; i += 1, proposed += 1) {
        const proposal = await apiCall<{ assignmentId: string }>(base, 'POST', '/assignments', proposer.token, {
          areaId: benchArea(proposed),
          officialId: officials[proposed % officials.length]!.user.actorId,
          effectiveFrom: `${month}-01`,
          reason: 'Đề xuất phân công (benchmark)',
        });
        ids.push(proposal.assignmentId);
      }
      const first = proposed - ids.length;
      const load = await runLoad(target.bases, connections, (i) =>
        i < ids.length
          ? {
              method: 'POST',
              path: `/assignments/${ids[i]}/approve`,
              token: leader.token,
              headers: { 'idempotency-key': crypto.randomUUID() },
              body: {
                decision: {
                  number: `${first + i + 1}-QĐ/BTCTU/BENCH`,
                  issuedOn: today,
                  signerId: leader.user.actorId,
                },
              },
            }
          : undefined,
      );
      const line = loadLine(`approvals ${name}`, load, connections);
      console.log(line);
      summary.push(line);
    }
  } finally {
    await target.stop();
  }
}
console.log('\nsummary');
for (const line of summary) console.log(line);
