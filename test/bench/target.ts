/**
 * Where an API benchmark runs (BENCH_TARGETS, comma separated, in turn):
 * - `dev`: `npm start`'s service as a child process (the Temporal dev server, SQLite, one process for the API and the
 *   worker), on a fresh data folder of its own (test/support/service-process.ts);
 * - `cluster`: `npm run cluster`'s deployment (two Temporal nodes on PostgreSQL, two workers, two API processes,
 *   scripts/tools/cluster-deployment.ts), also fresh; a benchmark spreads its requests over both API processes.
 * Both without the demo roster (DEMO_ROSTER=0): the province's demo people and areas only.
 */
import { readdir, readFile, stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../prisma/database';
import { startDeployment } from '../../scripts/tools/cluster-deployment';
import { devServerPid, freePorts, killLeftoverDevServer, Service, serviceEnv } from '../support/service-process';

export type TargetName = 'dev' | 'cluster';

export interface Target {
  name: TargetName;
  /** The API processes' base URLs. */
  bases: string[];
  databaseUrl: string;
  /** The Temporal frontend its workers poll, for a benchmark that starts workflows itself. */
  temporal: { address: string; namespace: string };
  /** The processes whose CPU and memory the benchmarks report, by role. */
  processes(): Promise<{ role: string; pid: number }[]>;
  /** The Temporal and application databases' size on disk, in bytes, by name. */
  databaseSizes(): Promise<{ name: string; bytes: number }[]>;
  stop(): Promise<void>;
}

export function targetNames(fallback: string): TargetName[] {
  const names = (process.env.BENCH_TARGETS ?? fallback).split(',').map((s) => s.trim());
  for (const name of names) {
    if (name !== 'dev' && name !== 'cluster') throw new Error(`BENCH_TARGETS: "${name}" is neither dev nor cluster`);
  }
  return names as TargetName[];
}

export async function startTarget(name: TargetName): Promise<Target> {
  return name === 'dev' ? await startDev() : await startCluster();
}

async function startDev(): Promise<Target> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-bench-dev-'));
  const ports = await freePorts();
  const service = new Service(serviceEnv(dir, ports, { DEMO_ROSTER: '0' }));
  const stop = async () => {
    await service.stop();
    await killLeftoverDevServer(dir);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await service.waitHealthy(ports.api);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    name: 'dev',
    bases: [`http://127.0.0.1:${ports.api}`],
    databaseUrl: `file:${path.join(dir, 'dia-ban.db')}`,
    temporal: { address: `127.0.0.1:${ports.temporal}`, namespace: 'default' },
    async processes() {
      const temporal = await devServerPid(dir);
      return [
        { role: 'service (API and worker)', pid: await service.servicePid() },
        ...(temporal ? [{ role: 'Temporal dev server', pid: temporal }] : []),
      ];
    },
    async databaseSizes() {
      // SQLite files with their write-ahead logs: the app's dia-ban.db*, the dev server's the rest.
      const files = (await readdir(dir)).filter((f) => /\.(db|sqlite)(-wal|-shm)?$/.test(f));
      const sizes = await Promise.all(files.map(async (f) => ({ f, bytes: (await stat(path.join(dir, f))).size })));
      const sum = (app: boolean) =>
        sizes.filter(({ f }) => f.startsWith('dia-ban.db') === app).reduce((total, { bytes }) => total + bytes, 0);
      return [
        { name: 'application (SQLite)', bytes: sum(true) },
        { name: 'Temporal (SQLite)', bytes: sum(false) },
      ];
    },
    stop,
  };
}

async function startCluster(): Promise<Target> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-bench-cluster-'));
  const deployment = await startDeployment({
    dir,
    env: { DEMO_ROSTER: '0' },
    log: (line) => console.log(`  ${line}`),
  }).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    name: 'cluster',
    bases: deployment.apis.map((api) => api.url!),
    databaseUrl: deployment.databaseUrl,
    temporal: { address: deployment.cluster.address, namespace: deployment.cluster.namespace },
    async processes() {
      const roles = [
        ...deployment.workers.map((w, i) => ({ role: `worker ${i + 1}`, pid: w.pid })),
        ...deployment.apis.map((a, i) => ({ role: `API ${i + 1}`, pid: a.pid })),
        ...deployment.cluster.nodes.map((n, i) => ({ role: `Temporal node ${i + 1}`, pid: n.pid })),
      ];
      return roles.flatMap(({ role, pid }) => (pid ? [{ role, pid }] : []));
    },
    async databaseSizes() {
      const db = openDatabase(deployment.databaseUrl);
      try {
        const rows = await db.prisma.$queryRawUnsafe<{ name: string; bytes: bigint }[]>(
          `SELECT datname AS name, pg_database_size(datname) AS bytes FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres'`,
        );
        return rows.map((r) => ({ name: `${r.name} (PostgreSQL)`, bytes: Number(r.bytes) }));
      } finally {
        await db.close();
      }
    },
    async stop() {
      await deployment.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A process's peak resident memory (VmHWM) in MiB, from /proc; 0 once it is gone. */
export async function peakMemoryMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : 0;
}

/** CPU seconds a process has used (user and system, its threads included), from /proc. */
export async function cpuSeconds(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/**
 * Runs `bench` on each target of BENCH_TARGETS in turn (`fallback` when unset), each started fresh and stopped after;
 * the lines it says are printed as they come and again together at the end.
 */
export async function onEachTarget(
  label: string,
  fallback: string,
  bench: (target: Target, say: (line: string) => void) => Promise<void>,
): Promise<void> {
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  for (const name of targetNames(fallback)) {
    console.log(`${label} on ${name}: starting it`);
    const target = await startTarget(name);
    try {
      await bench(target, say);
    } finally {
      await target.stop();
    }
  }
  console.log('\nsummary');
  for (const line of lines) console.log(line);
}

/** The databases' size and the processes' peak resident memory, one line each. */
export async function footprintLines(label: string, target: Target): Promise<string[]> {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const sizes = await target.databaseSizes();
  const processes = await target.processes();
  const memory = await Promise.all(processes.map(async (p) => `${p.role} ${await peakMemoryMb(p.pid)} MiB`));
  return [
    `${label} ${target.name}: databases ${sizes.map((s) => `${s.name} ${mb(s.bytes)} MiB`).join(', ')}`,
    `${label} ${target.name}: peak memory ${memory.join(', ')}`,
  ];
}
