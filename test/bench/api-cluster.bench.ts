/**
 * API benchmark on the cluster: `npm run cluster`'s deployment (two Temporal nodes on PostgreSQL, two
 * workers, two API processes), loaded by autocannon spread over both API processes, half the connections each:
 * approvals at 1, 10 and 50 connections, then reads. Each line:
 * `api <scenario> cluster: R req/s, p50 X ms, p99 Y ms at C connections` (p50 the larger of the two processes', p99 too).
 *
 *   npx tsx test/bench/api-cluster.bench.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { dayOf } from '../../machines/calendar';
import { openDatabase } from '../../prisma/database';
import { startDeployment } from '../../scripts/tools/cluster-deployment';

const LEVELS = [1, 10, 50];
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 10);
const BENCH_AREAS = 300;
const benchArea = (n: number) => `area-bench-${String(n).padStart(3, '0')}`;
const OFFICIALS = ['official-cb-001', 'official-cb-002', 'official-cb-004', 'official-cb-005', 'official-cb-006'];

const dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-bench-cluster-'));
const deployment = await startDeployment({ dir, env: { DEMO_ROSTER: '0' }, log: (line) => console.log(`  ${line}`) });
const bases = deployment.apis.map((api) => api.url!);

async function api<T>(method: string, url: string, token: string | null, body?: unknown, base = bases[0]!): Promise<T> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const login = async (username: string) =>
  await api<{ token: string; user: { actorId: string } }>('POST', '/auth/login', null, {
    username,
    password: `DiaBan@${username}`,
  });

/** Both processes' results as one: requests summed, latencies the worse of the two. */
function report(scenario: string, results: Result[], connections: number): void {
  const rate = results.reduce((sum, r) => sum + r.requests.average, 0);
  const p50 = Math.max(...results.map((r) => r.latency.p50));
  const p99 = Math.max(...results.map((r) => r.latency.p99));
  const failures = results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
  const total = results.reduce((sum, r) => sum + r.requests.total, 0);
  const line = `api ${scenario} cluster: ${Math.round(rate)} req/s, p50 ${p50} ms, p99 ${p99} ms at ${connections} connections`;
  console.log(failures > 0 ? `${line} (${failures} failed of ${total})` : line);
}

interface Post {
  path: string;
  token: string;
  body: unknown;
}

/** The batch split over the API processes, each with its share of the connections. */
function spread(connections: number, batch: Post[]): Promise<Result[]> {
  const shares = bases.map((base, b) => ({
    base,
    connections: Math.max(1, Math.round(connections / bases.length)),
    posts: batch.filter((_, i) => i % bases.length === b),
  }));
  const active = connections === 1 ? shares.slice(0, 1).map((s) => ({ ...s, posts: batch })) : shares;
  return Promise.all(
    active.map(({ base, connections: c, posts }) => {
      let next = 0;
      return autocannon({
        url: base,
        connections: c,
        amount: posts.length,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const post = posts[next++ % posts.length]!;
              return {
                ...request,
                path: post.path,
                headers: { authorization: `Bearer ${post.token}`, 'content-type': 'application/json' },
                body: JSON.stringify(post.body),
              };
            },
          },
        ],
      });
    }),
  );
}

try {
  const db = openDatabase(deployment.databaseUrl);
  await db.prisma.area.createMany({
    data: Array.from({ length: BENCH_AREAS }, (_, n) => ({
      id: benchArea(n),
      code: `BENCH-${n}`,
      name: `Xã thử tải ${n}`,
      kind: 'COMMUNE' as const,
    })),
  });
  await db.close();
  const leader = await login('ld02');
  const proposer = await login('ld01');
  // Vietnam's day: from 17:00 UTC a UTC date is the day before the proposals' (DECISION_BEFORE_PROPOSAL).
  const today = dayOf(Date.now());
  const month = today.slice(0, 7);
  let proposed = 0;
  const approved: string[] = [];
  for (const connections of LEVELS) {
    const count = Math.max(40, 2 * connections);
    const batch: string[] = [];
    for (let i = 0; i < count; i += 1, proposed += 1) {
      const proposal = await api<{ assignmentId: string }>('POST', '/assignments', proposer.token, {
        areaId: benchArea(proposed),
        officialId: OFFICIALS[proposed % OFFICIALS.length],
        effectiveFrom: `${month}-01`,
        reason: 'Đề xuất phân công (benchmark)',
      });
      batch.push(proposal.assignmentId);
    }
    const posts = batch.map((id, n) => ({
      path: `/assignments/${id}/approve`,
      token: leader.token,
      body: {
        decision: { number: `${approved.length + n + 1}-QĐ/BTCTU/BENCH`, issuedOn: today, signerId: 'official-ld-02' },
      },
    }));
    report('approvals', await spread(connections, posts), connections);
    approved.push(...batch);
  }

  const views = approved.slice(0, 20).map((id) => `/assignments/${id}`);
  const mix = ['/approvals/inbox?limit=20', ...views.flatMap((view) => [view, `${view}/timeline`])];
  for (const connections of LEVELS) {
    const results = await Promise.all(
      bases.slice(0, connections === 1 ? 1 : bases.length).map((base) => {
        let next = 0;
        return autocannon({
          url: base,
          connections: connections === 1 ? 1 : Math.round(connections / bases.length),
          duration: READ_SECONDS,
          headers: { authorization: `Bearer ${leader.token}` },
          requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: mix[next++ % mix.length]! }) }],
        });
      }),
    );
    report('reads', results, connections);
  }
} finally {
  await deployment.stop();
  await rm(dir, { recursive: true, force: true });
}
