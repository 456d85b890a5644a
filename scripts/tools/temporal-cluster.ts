/**
 * A local Temporal cluster of its own, as the dev server is: a PostgreSQL cluster started from Debian's
 * server binaries, the Temporal schema set up by the server's own `sql` tool (no files needed: the schema is embedded),
 * a generated configuration per node, and N server processes on 127.0.0.2, 127.0.0.3, … sharing the database, so
 * they form one membership ring and split the history shards. Node 1 starts first and serves before the others start
 * (two nodes starting at once on a new database race on the cluster metadata and one dies). A TCP balancer on
 * 127.0.0.1 spreads clients over the frontends and skips a dead one.
 *
 * Used by `npm run cluster` (scripts/cluster.ts, state kept in a folder across runs) and the fault suite
 * (test/cluster/, a throwaway folder).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { findServerBinaries, serverUserWrapper } from './postgres';
import { startTcpBalancer, type TcpBalancer } from './tcp-balancer';
import { freePort, listenError } from '../../worker/ports';
import { ensureTemporalServer } from './temporal-server';

const execFileAsync = promisify(execFile);
type Log = (line: string) => void;

const NUM_HISTORY_SHARDS = 16;
const SERVING_TIMEOUT_MS = 180_000;
const GRPC_ALREADY_EXISTS = 6;
/** Databases the Temporal server keeps: its own state and its visibility store. */
const TEMPORAL_DATABASES = [
  { name: 'temporal', schema: 'postgresql/v12/temporal' },
  { name: 'temporal_visibility', schema: 'postgresql/v12/visibility' },
] as const;

// ───────────────────────── PostgreSQL ─────────────────────────

export class PostgresCluster {
  private readonly serverUser = serverUserWrapper();
  private readonly bin = findServerBinaries();
  readonly data: string;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.data = path.join(dir, 'data');
  }

  /** `postgresql://postgres@127.0.0.1:<port>/<database>` (trust authentication on loopback only). */
  url(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    if (this.serverUser.owner) {
      await chown(this.dir, this.serverUser.owner.uid, this.serverUser.owner.gid);
      // The server's user must reach its folder: a parent made by mkdtemp is the owner's alone.
      const parent = path.dirname(this.dir);
      const { mode } = await stat(parent);
      if ((mode & 0o001) === 0) await chmod(parent, mode | 0o711);
    }
    if (existsSync(path.join(this.data, 'PG_VERSION'))) return;
    await this.run('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8']);
  }

  async start(): Promise<void> {
    // Two Temporal nodes (four services each, pools of 10 to 20) and four service processes fit well under 400.
    const options = `-h 127.0.0.1 -p ${this.port} -k ${this.dir} -c max_connections=400`;
    const logFile = path.join(this.dir, 'server.log');
    await this.run('pg_ctl', ['-D', this.data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
  }

  /** A clean, fast stop (`-m fast`: sessions are disconnected, nothing is lost); `immediate` for a crash. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']).catch(() => undefined);
  }

  async createDatabase(name: string): Promise<string> {
    const admin = await new PrismaPg({ connectionString: this.url('postgres') }).connect();
    try {
      await admin.executeScript(`CREATE DATABASE "${name}"`).catch((error: unknown) => {
        if (!/already exists|AlreadyExists/i.test(String((error as Error)?.message ?? error))) throw error;
      });
    } finally {
      await admin.dispose();
    }
    return this.url(name);
  }

  private async run(tool: string, args: string[]): Promise<void> {
    const [command, commandArgs] = this.serverUser.wrap(path.join(this.bin, tool), args);
    try {
      await execFileAsync(command, commandArgs, { timeout: 120_000 });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message?: string };
      throw new Error(`${tool} failed: ${(e.stderr || e.stdout || e.message || String(error)).trim()}`);
    }
  }
}

// ───────────────────────── Temporal nodes ─────────────────────────

interface NodePorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  frontendMembership: number;
  historyMembership: number;
  matchingMembership: number;
  workerMembership: number;
}

export class TemporalNode {
  private child: ChildProcess | undefined;
  exited: Promise<string> = Promise.resolve('not started');

  constructor(
    readonly index: number,
    readonly ip: string,
    readonly ports: NodePorts,
    readonly configFile: string,
    readonly logFile: string,
    private readonly serverExe: string,
  ) {}

  /** The node's frontend, `ip:port`. */
  get address(): string {
    return `${this.ip}:${this.ports.frontend}`;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(this.serverExe, ['--config-file', this.configFile, '--allow-no-auth', 'start'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.child = child;
    this.exited = once(child, 'exit').then(([code, signal]) => (signal ? `signal ${signal}` : `exit ${code}`));
  }

  /** Waits until the node's frontend answers SERVING. */
  async waitServing(timeoutMs = SERVING_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(`Temporal node ${this.index} exited (${await this.exited}); see ${this.logFile}`);
      try {
        const connection = await Connection.connect({ address: this.address, connectTimeout: 2_000 });
        try {
          const { status } = await connection.healthService.check({
            service: 'temporal.api.workflowservice.v1.WorkflowService',
          });
          if (status === 1) return;
          last = `status ${status}`;
        } finally {
          await connection.close();
        }
      } catch (error) {
        last = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      }
      await sleep(500);
    }
    throw new Error(
      `Temporal node ${this.index} not SERVING within ${timeoutMs / 1000} s (${last}); see ${this.logFile}`,
    );
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    await this.exited;
  }

  /** A polite stop, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.kill('SIGTERM');
    clearTimeout(timer);
  }
}

function nodeConfig(node: { ip: string; ports: NodePorts }, pgPort: number, dynamicConfigFile: string): string {
  const store = (database: string, maxConns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "127.0.0.1:${pgPort}"
        connectProtocol: "tcp"
        user: "postgres"
        password: "postgres"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const service = (grpc: number, membership: number, http?: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnIP: "${node.ip}"${http ? `\n      httpPort: ${http}` : ''}`;
  // From go.temporal.io/server's config/development-postgres12.yaml: archival, pprof and metrics dropped, ports moved.
  return `log:
  stdout: true
  level: warn

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${NUM_HISTORY_SHARDS}
  datastores:
    postgres-default:${store('temporal', 10)}
    postgres-visibility:${store('temporal_visibility', 2)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "${node.ip}"

services:
  frontend:${service(node.ports.frontend, node.ports.frontendMembership, node.ports.frontendHttp)}
  matching:${service(node.ports.matching, node.ports.matchingMembership)}
  history:${service(node.ports.history, node.ports.historyMembership)}
  worker:${service(node.ports.worker, node.ports.workerMembership)}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "${node.ip}:${node.ports.frontend}"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: "${dynamicConfigFile}"
  pollInterval: "10s"
`;
}

const DYNAMIC_CONFIG = `frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
`;

// ───────────────────────── the whole cluster ─────────────────────────

export interface LocalCluster {
  postgres: PostgresCluster;
  nodes: TemporalNode[];
  /** The balancer's `host:port`: what TEMPORAL_ADDRESS points at. */
  address: string;
  namespace: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Where PostgreSQL's data, the configuration and the logs live; kept across runs. */
  dir: string;
  nodes?: number;
  namespace?: string;
  log: Log;
}

export async function startLocalCluster({
  dir,
  nodes = 2,
  namespace = 'default',
  log,
}: ClusterOptions): Promise<LocalCluster> {
  const tools = await ensureTemporalServer({ log });
  await mkdir(dir, { recursive: true });
  const pgPort = await reusedPort(path.join(dir, 'postgres.port'));
  const postgres = new PostgresCluster(path.join(dir, 'postgres'), pgPort);
  await postgres.init();
  await postgres.start();
  log(`PostgreSQL on 127.0.0.1:${pgPort} (${postgres.data})`);
  const started: TemporalNode[] = [];
  let balancer: TcpBalancer | undefined;
  const stop = async () => {
    await balancer?.close();
    await Promise.all(started.map((node) => node.stop()));
    await postgres.stop();
  };
  try {
    await setUpSchema(tools.sql, pgPort, path.join(dir, 'schema-ready'), log);
    const dynamicConfigFile = path.join(dir, 'dynamicconfig.yaml');
    await writeFile(dynamicConfigFile, DYNAMIC_CONFIG);
    const ips = Array.from({ length: nodes }, (_, i) => `127.0.0.${i + 2}`);
    const ports = await nodePorts(ips);
    for (let i = 1; i <= nodes; i++) {
      const ip = ips[i - 1]!;
      const configFile = path.join(dir, `node-${i}.yaml`);
      await writeFile(configFile, nodeConfig({ ip, ports }, pgPort, dynamicConfigFile));
      const node = new TemporalNode(i, ip, ports, configFile, path.join(dir, `node-${i}.log`), tools.server);
      node.start();
      started.push(node);
      // Node 1 first, serving, before the next: at once on a new database one would fail to apply the cluster metadata.
      await node.waitServing();
      log(`Temporal node ${i} serving on ${node.address} (pid ${node.pid}, log ${node.logFile})`);
    }
    await ensureNamespace(started, namespace);
    balancer = await startTcpBalancer(started.map((n) => n.address));
    log(`Temporal frontends behind ${balancer.address}: ${started.map((n) => n.address).join(', ')}`);
    return { postgres, nodes: started, address: balancer.address, namespace, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function setUpSchema(sql: string, pgPort: number, stamp: string, log: Log): Promise<void> {
  if (existsSync(stamp)) return;
  const base = [
    '--plugin',
    'postgres12',
    '--ep',
    '127.0.0.1',
    '-p',
    String(pgPort),
    '-u',
    'postgres',
    '--pw',
    'postgres',
  ];
  for (const { name, schema } of TEMPORAL_DATABASES) {
    const run = (args: string[]) => execFileAsync(sql, [...base, '--db', name, ...args], { timeout: 300_000 });
    await run(['create-database']).catch((error: { stderr?: string }) => {
      if (!/already exists/.test(String(error.stderr))) throw error;
    });
    await run(['setup-schema', '-v', '0.0']);
    await run(['update-schema', '-s', schema]);
    log(`Temporal schema set up in database ${name}`);
  }
  await writeFile(stamp, 'ok\n');
}

async function ensureNamespace(nodes: TemporalNode[], namespace: string): Promise<void> {
  const connection = await Connection.connect({ address: nodes[0]!.address });
  try {
    await connection.workflowService
      .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') })
      .catch((error: unknown) => {
        if (!(isGrpcServiceError(error) && error.code === GRPC_ALREADY_EXISTS)) throw error;
      });
  } finally {
    await connection.close();
  }
  // Each frontend refreshes its namespace cache on its own (every 10 s): wait until every one knows it.
  for (const node of nodes) {
    const connection = await Connection.connect({ address: node.address });
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          await connection.workflowService.describeNamespace({ namespace });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await sleep(500);
        }
      }
    } finally {
      await connection.close();
    }
  }
}

/**
 * Ports for every node (each binds its own IP, so they share the numbers), free on every node's IP. Below 32768: the
 * membership table keeps a node's port in a smallint.
 */
async function nodePorts(ips: string[]): Promise<NodePorts> {
  const names = [
    'frontend',
    'frontendHttp',
    'history',
    'matching',
    'worker',
    'frontendMembership',
    'historyMembership',
    'matchingMembership',
    'workerMembership',
  ] as const;
  const ports: number[] = [];
  while (ports.length < names.length) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (ports.includes(port)) continue;
    const problems = await Promise.all(ips.map((ip) => listenError(port, ip)));
    if (problems.every((problem) => problem === undefined)) ports.push(port);
  }
  return Object.fromEntries(names.map((name, i) => [name, ports[i]!])) as unknown as NodePorts;
}

/** The port kept in `file` when it is still free, else a new free one (written back). */
async function reusedPort(file: string): Promise<number> {
  const kept = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (kept > 0 && (await listenError(kept)) === undefined) return kept;
  const port = await freePort();
  await writeFile(file, `${port}\n`);
  return port;
}
