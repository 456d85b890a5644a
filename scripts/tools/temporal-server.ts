/**
 * The real multi-service Temporal server and its SQL schema tool, `go install`ed into the tools cache:
 * what `npm run cluster` and `npm run test:cluster` run on PostgreSQL. About 5 minutes cold on 2 cores (binaries of
 * 211 MB and 58 MB), then reused. Only `npm run setup -- --cluster` and the cluster commands build it, so that
 * `npm start` and `npm test` stay as fast as before.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { isExecutable, toolsDir } from '../../worker/tools-dir';
import { type GoProvider, type GoToolchain, goToolchainProvider } from './go-toolchain';

const execFileAsync = promisify(execFile);

/** v1.32.2 and v1.31.5 need Go ≥ 1.26.10; v1.32.1 builds with the machines' Go 1.26.8, without a replace directive. */
export const TEMPORAL_SERVER_VERSION = 'v1.32.1';
const SERVER_MODULE = 'go.temporal.io/server';
const PACKAGES = [`${SERVER_MODULE}/cmd/server`, `${SERVER_MODULE}/cmd/tools/sql`];

type Log = (line: string) => void;

export interface TemporalServerTools {
  /** `server --config-file FILE --allow-no-auth start`. */
  server: string;
  /** `sql --plugin postgres12 … create-database | setup-schema | update-schema`. */
  sql: string;
  version: string;
}

export function temporalServerPaths(): TemporalServerTools & { dir: string; stamp: string } {
  const dir = path.join(toolsDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  return {
    dir,
    server: path.join(dir, 'server'),
    sql: path.join(dir, 'sql'),
    stamp: path.join(dir, 'built'),
    version: TEMPORAL_SERVER_VERSION,
  };
}

/** The provisioned server and schema tool, or undefined when not built yet (without building). */
export async function provisionedTemporalServer(): Promise<TemporalServerTools | undefined> {
  const paths = temporalServerPaths();
  const stamp = await readFile(paths.stamp, 'utf8').catch(() => '');
  if (stamp.trim() !== TEMPORAL_SERVER_VERSION || !isExecutable(paths.server) || !isExecutable(paths.sql)) {
    return undefined;
  }
  return { server: paths.server, sql: paths.sql, version: TEMPORAL_SERVER_VERSION };
}

/** Builds the server and the schema tool into the tools cache unless they are there; returns their paths. */
export async function ensureTemporalServer({
  log,
  go: goToolchain = goToolchainProvider({ log }),
}: {
  log: Log;
  go?: GoProvider;
}): Promise<TemporalServerTools> {
  const cached = await provisionedTemporalServer();
  if (cached) {
    log(`temporal server: reused ${path.dirname(cached.server)} (server and sql ${TEMPORAL_SERVER_VERSION})`);
    return cached;
  }
  const toolchain = await goToolchain().catch((error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`the Temporal server ${TEMPORAL_SERVER_VERSION} is built with Go: ${why}`);
  });
  const paths = temporalServerPaths();
  await mkdir(paths.dir, { recursive: true });
  const started = performance.now();
  log(
    `temporal server: building ${PACKAGES.map((p) => `${p}@${TEMPORAL_SERVER_VERSION}`).join(' ')} into ${paths.dir}`,
  );
  log('temporal server: the first build takes about 5 minutes on 2 cores');
  await goInstall(toolchain, paths.dir, log);
  const { stdout } = await execFileAsync(toolchain.go, ['version', '-m', paths.server], {
    env: toolchain.env,
    timeout: 30_000,
  });
  const built = new RegExp(`^\\s*mod\\s+${SERVER_MODULE.replaceAll('.', '\\.')}\\s+(\\S+)`, 'm').exec(stdout)?.[1];
  if (built !== TEMPORAL_SERVER_VERSION) throw new Error(`built ${paths.server} but it is ${built ?? 'no'} version`);
  await writeFile(paths.stamp, `${TEMPORAL_SERVER_VERSION}\n`);
  log(`temporal server: built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { server: paths.server, sql: paths.sql, version: TEMPORAL_SERVER_VERSION };
}

function goInstall({ go, env }: GoToolchain, gobin: string, log: Log): Promise<void> {
  const started = performance.now();
  const heartbeat = setInterval(() => {
    log(`temporal server: still building (${Math.round((performance.now() - started) / 1000)} s)`);
  }, 30_000);
  return new Promise<void>((resolve, reject) => {
    const args = ['install', ...PACKAGES.map((p) => `${p}@${TEMPORAL_SERVER_VERSION}`)];
    const child = spawn(go, args, { env: { ...env, GOBIN: gobin }, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const tail = output
        .split('\n')
        .filter((line) => !line.startsWith('go: downloading'))
        .slice(-15)
        .join('\n');
      reject(new Error(`go ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  }).finally(() => clearInterval(heartbeat));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const tools = await ensureTemporalServer({ log: (line) => console.log(`[setup] ${line}`) });
  console.log(`[setup] server ${tools.server}; sql ${tools.sql}`);
}
