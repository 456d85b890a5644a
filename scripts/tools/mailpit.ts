import { execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findOnPath, isExecutable, toolPaths } from '../../worker/tools-dir';
import { type GoProvider, type GoToolchain, goToolchainProvider } from './go-toolchain';

const execFileAsync = promisify(execFile);

/** Pinned like the Temporal CLI: `go install`ed into the tools cache, stamped with its version. */
export const MAILPIT_VERSION = 'v1.33.1';
const MAILPIT_MODULE = 'github.com/axllent/mailpit';
const LDFLAGS = `-ldflags=-s -w -X ${MAILPIT_MODULE}/config.Version=${MAILPIT_VERSION}`;

type Log = (line: string) => void;

/**
 * Ensures Mailpit (the dev mail catcher) exists in the tools cache; its path, or undefined when there is no Go to build
 * it (the toolchain could not be downloaded) nor one on PATH.
 */
export async function ensureMailpit({
  log,
  go: goToolchain = goToolchainProvider({ log }),
}: {
  log: Log;
  go?: GoProvider;
}): Promise<string | undefined> {
  const { mailpit, bin } = toolPaths();
  const cached = await mailpitVersion(mailpit);
  if (cached === MAILPIT_VERSION) {
    log(`mail catcher: reused ${mailpit} (Mailpit ${cached})`);
    return mailpit;
  }
  let toolchain: GoToolchain;
  try {
    toolchain = await goToolchain();
  } catch (error) {
    const why = `no Go to build ${MAILPIT_VERSION}: ${error instanceof Error ? error.message : String(error)}`;
    if (cached) {
      log(`mail catcher: reused ${mailpit} (Mailpit ${cached}; ${why})`);
      return mailpit;
    }
    // What npm start would run then too (worker/mailpit.ts).
    const onPath = findOnPath('mailpit');
    if (onPath) {
      log(`mail catcher: using ${onPath} from PATH (${why})`);
      return onPath;
    }
    log(`mail catcher: ${why}; npm start will deliver notifications in the app only (or set SMTP_URL)`);
    return undefined;
  }
  await mkdir(bin, { recursive: true });
  const started = performance.now();
  log(`mail catcher: building ${MAILPIT_MODULE}@${MAILPIT_VERSION} into ${bin} (about a minute the first time)`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(toolchain.go, ['install', LDFLAGS, `${MAILPIT_MODULE}@${MAILPIT_VERSION}`], {
      env: { ...toolchain.env, GOBIN: path.dirname(mailpit) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`go install ${MAILPIT_MODULE} failed (exit ${code}):\n${output}`)),
    );
  });
  const built = await mailpitVersion(mailpit);
  if (built !== MAILPIT_VERSION) throw new Error(`built ${mailpit} but it reports ${built ?? 'nothing'}`);
  log(`mail catcher: built ${mailpit} (Mailpit ${built}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return mailpit;
}

/** `mailpit version` prints "mailpit v1.33.1 compiled with …" (then fails to check for updates offline). */
async function mailpitVersion(exe: string): Promise<string | undefined> {
  if (!isExecutable(exe)) return undefined;
  const output = await execFileAsync(exe, ['version', '--no-release-check'], { timeout: 30_000 }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  return /mailpit (v\S+)/.exec(output)?.[1];
}
