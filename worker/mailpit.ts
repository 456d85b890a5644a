import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, listenError } from './ports';
import { findOnPath, isExecutable, toolPaths } from './tools-dir';

/** The local mail catcher `npm start` runs when no SMTP_URL is set: a real SMTP server with a web inbox. */
export interface LocalMailpit {
  smtpUrl: string;
  inboxUrl: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** The Mailpit built into the tools cache by `npm run setup` (scripts/tools/mailpit.ts), else one on PATH. */
export function mailpitExecutable(): string | undefined {
  const { mailpit } = toolPaths();
  return isExecutable(mailpit) ? mailpit : findOnPath('mailpit');
}

/**
 * The port to use: one that is set must be free; the default is taken when free, else any free port (another
 * `npm start`, or a test's service, may hold 1025 and 8025).
 */
async function portFor(setting: string, set: number | undefined, fallback: number): Promise<number> {
  const problem = await listenError(set ?? fallback, HOST);
  if (!problem) return set ?? fallback;
  if (set !== undefined) throw new Error(`${setting}=${set} cannot be used on ${HOST} (${problem})`);
  return freePort(HOST);
}

/** A Mailpit left running by a service killed (SIGKILL) with this data folder: stopped before another starts. */
async function stopLeftover(pidFile: string): Promise<void> {
  const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
  if (!(pid > 0)) return;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('mailpit')) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let waited = 0; waited < 5_000; waited += 100) {
    await sleep(100);
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  process.kill(pid, 'SIGKILL');
}

export async function startMailpit(
  exe: string,
  options: { dataDir: string; smtpPort?: number | undefined; uiPort?: number | undefined; log: (line: string) => void },
): Promise<LocalMailpit> {
  const { dataDir, log } = options;
  const pidFile = path.join(path.resolve(dataDir), 'mailpit.pid');
  await stopLeftover(pidFile);
  const smtpPort = await portFor('MAILPIT_SMTP_PORT', options.smtpPort, 1025);
  const uiPort = await portFor('MAILPIT_UI_PORT', options.uiPort, 8025);
  const args = [
    '--smtp',
    `${HOST}:${smtpPort}`,
    '--listen',
    `${HOST}:${uiPort}`,
    '--database',
    path.join(path.resolve(dataDir), 'mailpit.db'),
    '--disable-version-check',
    '--quiet',
  ];
  const child: ChildProcess = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (child.pid) await writeFile(pidFile, String(child.pid));
  let exited = false;
  let closing = false;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const lastLine = () => stderr.trim().split('\n').at(-1) ?? '';
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      resolve();
      if (!closing) log(`Mailpit exited (${signal ?? `exit ${code}`}): ${lastLine()}`);
    }),
  );
  const inboxUrl = `http://${HOST}:${uiPort}`;
  // Ready when its web server answers.
  for (let waited = 0; ; waited += 100) {
    if (exited) throw new Error(`Mailpit did not start: ${lastLine()}`);
    const ok = await fetch(`${inboxUrl}/api/v1/info`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (waited > 15_000) {
      closing = true;
      child.kill('SIGKILL');
      throw new Error('Mailpit did not answer within 15 s');
    }
    await sleep(100);
  }
  return {
    smtpUrl: `smtp://${HOST}:${smtpPort}`,
    inboxUrl,
    async close() {
      closing = true;
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await gone;
        clearTimeout(timer);
      }
      await rm(pidFile, { force: true });
    },
  };
}
