import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { ConfigError, type TemporalConfig } from './config';
import { freePort, listenError } from './ports';
import { devServerExecutable } from './temporal-executables';

type LocalTemporalConfig = Extract<TemporalConfig, { mode: 'local' }>;
type Log = (line: string) => void;

/** The Temporal cluster the service talks to: the local dev server it started, or the one at TEMPORAL_ADDRESS. */
export interface TemporalService {
  /** gRPC `host:port` for the worker's and clients' connections. */
  address: string;
  namespace: string;
  /** The Web UI, known only for the local dev server. */
  uiUrl: string | undefined;
  connection: Connection;
  /** False while the local dev server this process supervises is down and being restarted; a cluster is always taken as available. */
  available(): boolean;
  /** Closes the connection, then stops the local dev server if this process started one. */
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const REMOTE_CONNECT_TIMEOUT_MS = 5_000;
const LOCAL_START_TIMEOUT_MS = 60_000;
const LOCAL_STOP_TIMEOUT_MS = 15_000;
const OTHER_SERVER_GRACE_MS = 5_000;
/** Back-off between restarts of a local dev server that died: 1 s, doubling, at most 30 s. */
const RESTART_BACKOFF_MS = { initial: 1_000, max: 30_000 };
const GRPC_NOT_FOUND = 5;

export async function startTemporal(
  config: TemporalConfig,
  { dataDir, log }: { dataDir: string; log: Log },
): Promise<TemporalService> {
  return config.mode === 'remote' ? connectRemote(config.address, config.namespace) : startLocal(config, dataDir, log);
}

// ───────────────────────── remote cluster (TEMPORAL_ADDRESS) ─────────────────────────

async function connectRemote(address: string, namespace: string): Promise<TemporalService> {
  const unreachable = (reason: string) =>
    new ConfigError('TEMPORAL_ADDRESS', `cannot reach Temporal at TEMPORAL_ADDRESS=${address} (${reason})`);

  const { host, port } = splitHostPort(address);
  // A plain TCP probe first: it fails fast and says why (refused, unknown host), which gRPC doesn't.
  const tcpFailure = await probeTcp(host, port, REMOTE_CONNECT_TIMEOUT_MS);
  if (tcpFailure) throw unreachable(tcpFailure);

  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: REMOTE_CONNECT_TIMEOUT_MS });
  } catch (error) {
    throw unreachable(`no Temporal gRPC answer: ${messageOf(error)}`);
  }
  try {
    await describeNamespace(connection, namespace, REMOTE_CONNECT_TIMEOUT_MS);
  } catch (error) {
    await connection.close();
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) {
      throw new ConfigError(
        'TEMPORAL_NAMESPACE',
        `TEMPORAL_NAMESPACE=${namespace} does not exist on Temporal at ${address}`,
      );
    }
    throw unreachable(messageOf(error));
  }
  return { address, namespace, uiUrl: undefined, connection, available: () => true, close: () => connection.close() };
}

// ───────────────────────── local dev server ─────────────────────────

async function startLocal(config: LocalTemporalConfig, dataDir: string, log: Log): Promise<TemporalService> {
  await mkdir(dataDir, { recursive: true });
  await assertDataDirUnused(config, dataDir);
  const pidFile = pidFileIn(dataDir);

  const port = await choosePort(config.port, 'TEMPORAL_DEV_PORT', [], log);
  const uiPort = await choosePort(config.uiPort, 'TEMPORAL_UI_PORT', [port], log);
  const address = `${LOOPBACK}:${port}`;
  const logFile = path.join(dataDir, 'temporal.log');

  const options = { ...config, port, uiPort, logFile };
  const server = await launchDevServer(options);
  if (server.pid !== undefined) await writeFile(pidFile, `${server.pid}\n`);

  let connection: Connection;
  try {
    connection = await waitUntilServing(address, config.namespace, server, logFile);
  } catch (error) {
    await server.stop();
    await rm(pidFile, { force: true });
    throw error;
  }
  const supervisor = superviseDevServer(server, { options, address, namespace: config.namespace, pidFile, log });
  return {
    address,
    namespace: config.namespace,
    uiUrl: `http://${LOOPBACK}:${uiPort}`,
    connection,
    available: () => supervisor.serving,
    close: async () => {
      await connection.close();
      await supervisor.stop();
      await rm(pidFile, { force: true });
    },
  };
}

/**
 * The local dev server is the service's child: when it dies (a crash, kill -9) it is started again on
 * the same port and state file, with back-off, until the service stops. The service's client and worker connections
 * reconnect by themselves once it serves again; meanwhile `serving` is false and requests that need Temporal answer
 * 503 at once (api/temporal-deadline.ts).
 */
function superviseDevServer(
  first: DevServer,
  context: { options: LaunchOptions; address: string; namespace: string; pidFile: string; log: Log },
): { readonly serving: boolean; stop(): Promise<void> } {
  const { options, address, namespace, pidFile, log } = context;
  let current = first;
  let serving = true;
  let stopping = false;
  const stopped = new AbortController();
  const supervised = (async () => {
    let backoff = RESTART_BACKOFF_MS.initial;
    for (;;) {
      const how = await current.exited;
      if (stopping) return;
      serving = false;
      log(`the local Temporal server stopped (${how}); restarting it in ${backoff / 1000} s`);
      await sleep(backoff, undefined, { signal: stopped.signal }).catch(() => undefined);
      if (stopping) return;
      try {
        current = await launchDevServer(options);
        if (current.pid !== undefined) await writeFile(pidFile, `${current.pid}\n`);
        const probe = await waitUntilServing(address, namespace, current, options.logFile);
        await probe.close();
        if (stopping) return;
        serving = true;
        backoff = RESTART_BACKOFF_MS.initial;
        log(`the local Temporal server is serving again at ${address}`);
      } catch (error) {
        log(`restarting the local Temporal server failed: ${messageOf(error)}`);
        await current.stop();
        backoff = Math.min(backoff * 2, RESTART_BACKOFF_MS.max);
      }
    }
  })();
  return {
    get serving() {
      return serving;
    },
    async stop() {
      stopping = true;
      stopped.abort();
      await current.stop();
      await supervised.catch(() => undefined);
      await current.stop(); // one launched while stopping
    },
  };
}

interface DevServer {
  pid: number | undefined;
  /** Resolves with a description of how it ended, once it has. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

interface LaunchOptions {
  namespace: string;
  dbFile: string;
  port: number;
  uiPort: number;
  logFile: string;
}

/**
 * Spawns `temporal server start-dev` ourselves rather than through the SDK's test environment, for a start-up wait
 * that suits a persisted database (the SDK allows 5 s), the server's chatty output in a log file beside its state,
 * and a pid file to find it again.
 */
async function launchDevServer(options: LaunchOptions): Promise<DevServer> {
  const executable = devServerExecutable();
  if (executable.type !== 'existing-path') return launchThroughSdk(options);

  const args = ['server', 'start-dev', '--ip', LOOPBACK, '--port', String(options.port)];
  args.push('--ui-port', String(options.uiPort), '--db-filename', options.dbFile, '--log-level', 'warn');
  if (options.namespace !== 'default') args.push('--namespace', options.namespace);

  const out = await open(options.logFile, 'a');
  let child: ChildProcess;
  try {
    await out.write(`\n--- ${new Date().toISOString()} ${executable.path} ${args.join(' ')}\n`);
    child = spawn(process.execPath, ['-e', SERVER_GUARD, executable.path, ...args], {
      stdio: ['pipe', out.fd, out.fd],
      windowsHide: true,
      env: withoutTemporalSettings(process.env),
    });
  } finally {
    await out.close();
  }
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
    child.once('error', (error) => resolve(error.message));
  });

  return {
    pid: child.pid,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(LOCAL_STOP_TIMEOUT_MS, false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Fallback when no `temporal` binary is provisioned: the SDK downloads and runs the dev server (needs internet). */
async function launchThroughSdk(options: LaunchOptions): Promise<DevServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      namespace: options.namespace,
      dbFilename: options.dbFile,
      ip: LOOPBACK,
      port: options.port,
      ui: true,
      uiPort: options.uiPort,
      log: { format: 'pretty', level: 'warn' },
    },
  });
  return { pid: undefined, exited: new Promise(() => {}), stop: () => env.teardown() };
}

/**
 * Runs the dev server and stops it when its stdin, a pipe from the service, closes: the service may be killed outright
 * (kill -9, an out-of-memory kill), and the server must not outlive it holding the ports and the file.
 */
const SERVER_GUARD = `
const server = require('node:child_process').spawn(process.argv[1], process.argv.slice(2), { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop).on('SIGTERM', stop);
process.stdin.on('close', stop).on('error', stop).resume();
server.on('error', (error) => { console.error(error.message); process.exit(1); });
server.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGTERM' ? 0 : 1)));
`;

// Variables such as TEMPORAL_NAMESPACE are read by the CLI as its own client settings; the dev server gets flags.
function withoutTemporalSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('TEMPORAL_')));
}

async function waitUntilServing(address: string, namespace: string, server: DevServer, logFile: string) {
  const deadline = Date.now() + LOCAL_START_TIMEOUT_MS;
  let exit: string | undefined;
  void server.exited.then((how) => (exit = how));
  const failed = async (reason: string) => {
    const lastLine = await lastLogLine(logFile);
    return new Error(`the local Temporal server ${reason}${lastLine ? `: ${lastLine}` : ''} (log: ${logFile})`);
  };

  const { host, port } = splitHostPort(address);
  while ((await probeTcp(host, port, 1_000)) !== undefined) {
    if (exit) throw await failed(`stopped during start-up (${exit})`);
    if (Date.now() > deadline) throw await failed(`did not open ${address} within ${LOCAL_START_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
  const connection = await Connection.connect({ address, connectTimeout: Math.max(deadline - Date.now(), 1_000) });
  // The port opens before the namespace exists; the worker must not poll before it does.
  for (;;) {
    try {
      await describeNamespace(connection, namespace, 2_000);
      return connection;
    } catch (error) {
      if (exit || Date.now() > deadline) {
        await connection.close();
        throw await failed(exit ? `stopped during start-up (${exit})` : `is not serving: ${messageOf(error)}`);
      }
      await sleep(200);
    }
  }
}

async function lastLogLine(logFile: string): Promise<string | undefined> {
  try {
    const lines = (await readFile(logFile, 'utf8'))
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('---'));
    return lines.at(-1)?.trim().slice(0, 300);
  } catch {
    return undefined;
  }
}

const pidFileIn = (dataDir: string) => path.join(dataDir, 'temporal.pid');

/**
 * Fails when another service runs a dev server on this data folder: two servers on one SQLite file would fight over
 * it. The pid file names that server's guard; one that is just stopping gets a moment to finish.
 */
export async function assertDataDirUnused(config: TemporalConfig, dataDir: string): Promise<void> {
  if (config.mode !== 'local') return;
  const pidFile = pidFileIn(dataDir);
  const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await commandLineOf(pid))?.includes(config.dbFile)) {
    const deadline = Date.now() + OTHER_SERVER_GRACE_MS;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) {
      throw new ConfigError(
        'DATA_DIR',
        `DATA_DIR=${dataDir} is in use by another running dia-ban (Temporal dev server pid ${pid})`,
      );
    }
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function commandLineOf(pid: number): Promise<string | undefined> {
  if (process.platform === 'linux') {
    return readFile(`/proc/${pid}/cmdline`, 'utf8').then(
      (raw) => raw.split('\0').join(' '),
      () => undefined,
    );
  }
  if (process.platform === 'win32') return undefined;
  return promisify(execFile)('ps', ['-o', 'command=', '-p', String(pid)]).then(
    ({ stdout }) => stdout,
    () => undefined,
  );
}

/** The configured port when free; a set one that is taken is an error, a default one gives way to any free port. */
async function choosePort(
  wanted: { value: number; explicit: boolean },
  setting: string,
  taken: number[],
  log: Log,
): Promise<number> {
  if (!taken.includes(wanted.value) && (await listenError(wanted.value)) === undefined) return wanted.value;
  if (wanted.explicit) throw new ConfigError(setting, `${setting}=${wanted.value} is already in use`);
  const port = await freePort(LOOPBACK, taken);
  log(`port ${wanted.value} is taken, so the dev server uses ${port} instead (${setting} fixes it)`);
  return port;
}

// ───────────────────────── small network helpers ─────────────────────────

function describeNamespace(connection: Connection, namespace: string, timeoutMs: number) {
  return connection.withDeadline(Date.now() + timeoutMs, () =>
    connection.workflowService.describeNamespace({ namespace }),
  );
}

function splitHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(address.slice(at + 1)) };
}

/** Opens and closes a TCP connection: undefined when that worked, else a short reason. */
function probeTcp(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs / 1000} s`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(socketErrorReason(error)));
  });
}

function socketErrorReason(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return 'unknown host';
  if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') return 'host unreachable';
  return error.code ?? error.message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
