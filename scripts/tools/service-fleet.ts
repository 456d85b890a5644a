/**
 * The service's processes by role (SERVICE_ROLE=worker|api), each `node --import tsx worker/main.ts` as
 * `npm start` runs it, against one Temporal cluster and one PostgreSQL database: for `npm run cluster` and the fault
 * suite on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 180_000;

export type Role = 'worker' | 'api';

export interface FleetSettings {
  temporalAddress: string;
  databaseUrl: string;
  /** Data folder of the processes (their logs); nothing in it is shared state. */
  dataDir: string;
  authSecret: string;
  auditKey: string;
  /** Extra environment for every process. */
  env?: NodeJS.ProcessEnv;
}

export class ServiceProcess {
  output = '';
  private child: ChildProcess | undefined;
  exited: Promise<string> = Promise.resolve('not started');

  constructor(
    readonly name: string,
    readonly role: Role,
    readonly port: number | undefined,
    private readonly settings: FleetSettings,
    /** This process's own settings, over the fleet's. */
    readonly env: NodeJS.ProcessEnv = {},
  ) {}

  get url(): string | undefined {
    return this.port === undefined ? undefined : `http://127.0.0.1:${this.port}`;
  }

  get logFile(): string {
    return path.join(this.settings.dataDir, `${this.name}.log`);
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const { settings } = this;
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(TEMPORAL_|DATABASE_URL$|PORT$|HOST$|DATA_DIR$)/.test(key)),
    );
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      ...settings.env,
      ...this.env,
      SERVICE_ROLE: this.role,
      TEMPORAL_ADDRESS: settings.temporalAddress,
      DATABASE_URL: settings.databaseUrl,
      DATA_DIR: settings.dataDir,
      AUTH_SECRET: settings.authSecret,
      AUDIT_KEY: settings.auditKey,
      ...(this.port === undefined ? {} : { PORT: String(this.port), HOST: '127.0.0.1' }),
    };
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const take = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
      log.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    this.child = child;
    this.exited = once(child, 'exit').then(([code, signal]) => {
      log.end();
      return signal ? `signal ${signal}` : `exit ${code}`;
    });
  }

  /** Until the worker says it is ready, or the API answers /healthz 200. */
  async waitReady(timeoutMs = READY_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited (${await this.exited}):\n${this.output.slice(-3000)}`);
      if (this.role === 'worker' && /worker ready/.test(this.output)) return;
      if (this.role === 'api') {
        const status = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) })
          .then((r) => r.status)
          .catch(() => 0);
        if (status === 200) return;
      }
      await sleep(300);
    }
    throw new Error(`${this.name} not ready within ${timeoutMs / 1000} s:\n${this.output.slice(-3000)}`);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    await this.exited;
  }

  /** SIGINT (a drain), then SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    if (!this.running) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.kill('SIGINT');
    clearTimeout(timer);
  }
}
