/** `npm start`'s service as a child process with its own data folder and ports: for the service tests and the API benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HealthReport } from '../../api/healthz/routes';
import { freePort } from '../../worker/ports';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BOOT_TIMEOUT_MS = 120_000;

export interface Ports {
  api: number;
  temporal: number;
  ui: number;
}

export class Service {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(env: NodeJS.ProcessEnv) {
    // As `npm start` runs it: node with tsx's loader, signals straight to the service (package.json).
    this.child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  /** The process that runs the service itself, for a test that kills it outright. */
  async servicePid(): Promise<number> {
    if (!this.child.pid) throw new Error('the service process has not started');
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitHealthy(apiPort: number): Promise<{ status: number; body: HealthReport }> {
    const deadline = Date.now() + BOOT_TIMEOUT_MS;
    for (;;) {
      if (!this.running) throw new Error(`service exited during start-up:\n${this.stdout}\n${this.stderr}`);
      try {
        const response = await fetch(`http://127.0.0.1:${apiPort}/healthz`);
        if (response.status === 200) return { status: response.status, body: (await response.json()) as HealthReport };
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`service not healthy in time:\n${this.stdout}\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }

  /** Clean-up after a failed test: a polite stop first, so the service stops its dev server. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export function serviceEnv(dataDir: string, ports: Ports, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(TEMPORAL_|DATABASE_URL$|PORT$|HOST$|DATA_DIR$)/.test(key)),
  );
  return {
    ...inherited,
    DATA_DIR: dataDir,
    PORT: String(ports.api),
    TEMPORAL_DEV_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    ...extra,
  };
}

/** Three distinct ports (see freePort for why they are not the kernel's ephemeral ones). */
export async function freePorts(): Promise<Ports> {
  const api = await freePort();
  const temporal = await freePort(undefined, [api]);
  const ui = await freePort(undefined, [api, temporal]);
  return { api, temporal, ui };
}

export { freePort };

/** Stops a dev server that a failed test left running; its pid file names it. */
export async function killLeftoverDevServer(dataDir: string): Promise<void> {
  const pid = Number.parseInt(await readFile(path.join(dataDir, 'temporal.pid'), 'utf8').catch(() => ''), 10);
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** A Linux process's children, from /proc. */
export async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}

/** The Temporal dev server itself (the guard in temporal.pid runs it as its child). */
export async function devServerPid(dataDir: string): Promise<number | undefined> {
  const guard = Number.parseInt(await readFile(path.join(dataDir, 'temporal.pid'), 'utf8').catch(() => ''), 10);
  if (!(guard > 0)) return undefined;
  return (await childrenOf(guard))[0];
}
