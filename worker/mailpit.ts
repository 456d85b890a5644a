import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenError } from './local-temporal';
import { findOnPath, isExecutable, toolPaths } from './tools-dir';

/** The local mail catcher `npm start` runs when no SMTP_URL is set: a real SMTP server with a web inbox. */
export interface LocalMailpit {
  smtpUrl: string;
  inboxUrl: string;
  close(): Promise<void>;
}

/** The Mailpit built into the tools cache by `npm run setup` (scripts/tools/mailpit.ts), else one on PATH. */
export function mailpitExecutable(): string | undefined {
  const { mailpit } = toolPaths();
  return isExecutable(mailpit) ? mailpit : findOnPath('mailpit');
}

export async function startMailpit(
  exe: string,
  {
    dataDir,
    smtpPort,
    uiPort,
    log,
  }: { dataDir: string; smtpPort: number; uiPort: number; log: (line: string) => void },
): Promise<LocalMailpit> {
  const host = '127.0.0.1';
  for (const [setting, port] of [
    ['MAILPIT_SMTP_PORT', smtpPort],
    ['MAILPIT_UI_PORT', uiPort],
  ] as const) {
    const problem = await listenError(port, host);
    if (problem) throw new Error(`${setting}=${port} cannot be used on ${host} (${problem})`);
  }
  const args = [
    '--smtp',
    `${host}:${smtpPort}`,
    '--listen',
    `${host}:${uiPort}`,
    '--database',
    path.join(path.resolve(dataDir), 'mailpit.db'),
    '--disable-version-check',
    '--quiet',
  ];
  const child: ChildProcess = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let exited = false;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      resolve();
      if (!closing) log(`Mailpit exited (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').at(-1) ?? ''}`);
    }),
  );
  let closing = false;
  const inboxUrl = `http://${host}:${uiPort}`;
  // Ready when its web server answers.
  for (let waited = 0; ; waited += 100) {
    if (exited) throw new Error(`Mailpit did not start: ${stderr.trim().split('\n').at(-1) ?? ''}`);
    const ok = await fetch(`${inboxUrl}/api/v1/info`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (waited > 15_000) {
      child.kill('SIGKILL');
      throw new Error('Mailpit did not answer within 15 s');
    }
    await sleep(100);
  }
  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    inboxUrl,
    async close() {
      closing = true;
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
