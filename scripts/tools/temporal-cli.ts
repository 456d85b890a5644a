import { execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findOnPath, isExecutable, toolPaths } from '../../worker/tools-dir';
import { type GoProvider, type GoToolchain, goToolchainProvider } from './go-toolchain';

const execFileAsync = promisify(execFile);

/** Later tags can't be `go install`ed, so the dev server is pinned here. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const CLI_MODULE = 'github.com/temporalio/cli';
const CLI_PACKAGE = `${CLI_MODULE}/cmd/temporal`;
/** h1: hash of the CLI module zip as recorded in sum.golang.org; only needed when that database is unreachable. */
const CLI_MODULE_SUM = 'h1:0RZMk14BWxz44Xg6ciDQvpfAMffoG3J7/K03ql80teY=';
/** Same version stamp as the release builds (.goreleaser.yml), so `temporal --version` can verify the build. */
const LDFLAGS = `-ldflags=-s -w -X ${CLI_MODULE}/temporalcli.Version=${TEMPORAL_CLI_VERSION.slice(1)}`;
/** Plain `go install` builds report this instead of their tag. */
const UNSTAMPED_VERSION = 'v0.0.0-DEV';

type Log = (line: string) => void;

export interface TemporalCliInfo {
  /** Module version, e.g. `v1.5.1`. */
  version: string;
  /** e.g. `v1.5.1, Server 1.29.1, UI 2.42.1`. */
  summary: string;
}

/** Ensures the `temporal` CLI (dev server) exists; returns its path, or undefined when it can't be had locally. */
export async function ensureTemporalCli({
  log,
  go: goToolchain = goToolchainProvider({ log }),
}: {
  log: Log;
  go?: GoProvider;
}): Promise<string | undefined> {
  const { temporalCli, bin } = toolPaths();

  const cached = await inspectTemporalCli(temporalCli);
  if (cached?.version === TEMPORAL_CLI_VERSION) {
    log(`temporal dev server: reused ${temporalCli} (${cached.summary})`);
    return temporalCli;
  }

  const onPath = findOnPath('temporal');
  const onPathInfo = onPath && onPath !== temporalCli ? await inspectTemporalCli(onPath) : undefined;
  if (onPath && onPathInfo) {
    log(`temporal dev server: using ${onPath} from PATH (${onPathInfo.summary})`);
    return onPath;
  }

  let toolchain: GoToolchain;
  try {
    toolchain = await goToolchain();
  } catch (error) {
    const why = `no Go to build ${TEMPORAL_CLI_VERSION}: ${error instanceof Error ? error.message : String(error)}`;
    if (cached) {
      log(`temporal dev server: reused ${temporalCli} (${cached.summary}; ${why})`);
      return temporalCli;
    }
    log(`temporal dev server: no cached build, no \`temporal\` on PATH, ${why}; the SDK will download it on first use`);
    return undefined;
  }

  await mkdir(bin, { recursive: true });
  const started = performance.now();
  log(
    `temporal dev server: building ${CLI_PACKAGE}@${TEMPORAL_CLI_VERSION} into ${bin}` +
      `${cached ? ` (cached one is ${cached.version})` : ''}; the first build takes several minutes`,
  );
  await buildCli(toolchain, temporalCli, log);

  const built = await inspectTemporalCli(temporalCli);
  if (built?.version !== TEMPORAL_CLI_VERSION) {
    throw new Error(`built ${temporalCli} but it reports ${built?.version ?? 'nothing'} for --version`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`temporal dev server: built ${temporalCli} (${built.summary}) in ${seconds} s`);
  return temporalCli;
}

/** Runs `temporal --version`; undefined if the file is missing or does not run. */
export async function inspectTemporalCli(exe: string): Promise<TemporalCliInfo | undefined> {
  if (!isExecutable(exe)) return undefined;
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(exe, ['--version'], { timeout: 30_000 }));
  } catch {
    return undefined;
  }
  // "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)"
  const match = /temporal version (\S+)(?: \((.*)\))?/.exec(stdout);
  if (!match?.[1]) return undefined;
  let version = match[1].startsWith('v') ? match[1] : `v${match[1]}`;
  if (version === UNSTAMPED_VERSION) version = (await goModuleVersion(exe)) ?? version;
  return { version, summary: [version, match[2]].filter(Boolean).join(', ') };
}

/** The CLI module version recorded in the binary's Go build info (needs `go`). */
async function goModuleVersion(exe: string): Promise<string | undefined> {
  const go = findOnPath('go');
  if (!go) return undefined;
  try {
    const { stdout } = await execFileAsync(go, ['version', '-m', exe], { timeout: 30_000 });
    return new RegExp(`^\\s*mod\\s+${CLI_MODULE.replaceAll('.', '\\.')}\\s+(\\S+)`, 'm').exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

async function buildCli(toolchain: GoToolchain, temporalCli: string, log: Log): Promise<void> {
  try {
    await run(toolchain.go, ['install', LDFLAGS, `${CLI_PACKAGE}@${TEMPORAL_CLI_VERSION}`], log, {
      env: { ...toolchain.env, GOBIN: path.dirname(temporalCli) },
    });
  } catch (error) {
    if (!(error instanceof CommandError) || !isChecksumDbUnreachable(error.output)) throw error;
    log('temporal dev server: checksum database unreachable; building from source checked by pinned hash + go.sum');
    await buildFromVerifiedSource(toolchain, temporalCli, log);
  }
}

/**
 * `go install pkg@version` checks every module against sum.golang.org. Without it, the CLI module is checked against
 * CLI_MODULE_SUM instead and built as the main module, where its own go.sum verifies every dependency.
 */
async function buildFromVerifiedSource({ go, env }: GoToolchain, temporalCli: string, log: Log): Promise<void> {
  const noSumDb = [env.GONOSUMDB, CLI_MODULE].filter(Boolean).join(',');
  const { stdout } = await run(go, ['mod', 'download', '-json', `${CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], log, {
    env: { ...env, GONOSUMDB: noSumDb },
    cwd: path.dirname(temporalCli),
  });
  const { Dir: dir, Sum: sum } = JSON.parse(stdout) as { Dir?: string; Sum?: string };
  if (sum !== CLI_MODULE_SUM || !dir) {
    throw new Error(`${CLI_MODULE}@${TEMPORAL_CLI_VERSION} has hash ${sum ?? 'none'}, expected ${CLI_MODULE_SUM}`);
  }
  const build = ['build', '-mod=readonly', LDFLAGS, '-o', temporalCli, './cmd/temporal'];
  await run(go, build, log, { env, cwd: dir });
}

/** A network failure reaching the checksum database; never a checksum mismatch, which must stay fatal. */
function isChecksumDbUnreachable(output: string): boolean {
  if (/SECURITY ERROR|checksum mismatch/i.test(output)) return false;
  const sumDb = /verifying (module|go\.mod)|sumdb|sum\.golang\.org|checksum database/i;
  const network = /dial tcp|lookup|timeout|refused|unreachable|EOF|\b(403|404|410|5\d\d)\b/i;
  return sumDb.test(output) && network.test(output);
}

class CommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** Runs a (minutes-long) go command, logging a heartbeat so set-up does not look hung. */
function run(
  command: string,
  args: string[],
  log: Log,
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<{ stdout: string }> {
  const started = performance.now();
  const heartbeat = setInterval(() => {
    log(`temporal dev server: still building (${Math.round((performance.now() - started) / 1000)} s)`);
  }, 30_000);
  return new Promise<{ stdout: string }>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', (error) => reject(new CommandError(`${command}: ${error.message}`, output)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve({ stdout });
      const tail = output
        .split('\n')
        .filter((line) => !line.startsWith('go: downloading'))
        .slice(-15)
        .join('\n');
      reject(new CommandError(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`, output));
    });
  }).finally(() => clearInterval(heartbeat));
}
