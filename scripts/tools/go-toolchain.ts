/**
 * The Go that builds the dev server (`temporal` CLI), Mailpit and the cluster's Temporal server: the `go` on PATH when
 * it is new enough, else the official toolchain provisioned into the tools cache from the Go module proxy, where it is
 * the module golang.org/toolchain (what GOTOOLCHAIN downloads). So a machine with only Node and npm builds them too.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { findOnPath, isExecutable, toolsDir } from '../../worker/tools-dir';

const execFileAsync = promisify(execFile);

/** The oldest Go that builds all three: the Temporal server's go.mod says 1.26.8 (Mailpit's 1.26.0, the CLI's 1.25.0). */
export const GO_VERSION = '1.26.8';
const TOOLCHAIN_MODULE = 'golang.org/toolchain';
/**
 * SHA-256 of the module proxy's zip of the toolchain, by GOARCH. Checked when pinned: each zip's h1: hash is the one
 * sum.golang.org records (amd64 h1:ZOmGe1OnfREDMIdb1Qi4G9JSuDPBLGExZMQ4nis1RXM=, arm64
 * h1:sYL/O6MqS68ML0kjsQ36WoYIpJqkw60TxizWUYUKQMc=), and the amd64 bin/go and pkg/tool/ are byte for byte those of the
 * go.dev/dl release. Another architecture or version needs its hash added here.
 */
const TOOLCHAIN_ZIP_SHA256: Record<string, string> = {
  amd64: '30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7',
  arm64: '02b36b6787b3ac767668f630e2998df45a3b1f9ffee08d1bf3ef6487cd658d99',
};
const DEFAULT_PROXY = 'https://proxy.golang.org';
/** Uncompressed bytes unpacked at a time, so the 215 MB toolchain is never in memory all at once. */
const UNPACK_BATCH_BYTES = 32 * 1024 * 1024;

type Log = (line: string) => void;

export interface GoToolchain {
  /** The `go` executable. */
  go: string;
  /** The environment to run it in (GOROOT and PATH for a provisioned toolchain). */
  env: NodeJS.ProcessEnv;
  /** e.g. `go1.26.8`. */
  version: string;
}

/** Gets the Go toolchain on first call only, once for all callers: nothing is downloaded unless a build needs Go. */
export type GoProvider = () => Promise<GoToolchain>;

export function goToolchainProvider({ log }: { log: Log }): GoProvider {
  let toolchain: Promise<GoToolchain> | undefined;
  return () => (toolchain ??= ensureGoToolchain({ log }));
}

/** The `go` on PATH if it is at least GO_VERSION, else the cached toolchain, else one downloaded and unpacked now. */
export async function ensureGoToolchain({ log }: { log: Log }): Promise<GoToolchain> {
  const onPath = findOnPath('go');
  const pathVersion = onPath ? await goVersion(onPath, process.env) : undefined;
  if (onPath && pathVersion && atLeast(pathVersion, GO_VERSION)) {
    log(`go toolchain: using ${onPath} (go${pathVersion})`);
    return { go: onPath, env: process.env, version: `go${pathVersion}` };
  }

  const goroot = toolchainRoot();
  const provisioned = provisionedToolchain(goroot);
  if ((await goVersion(provisioned.go, provisioned.env)) === GO_VERSION) {
    log(`go toolchain: reused ${goroot} (go${GO_VERSION})`);
    return provisioned;
  }

  const goarch = GOARCH[process.arch];
  const sha256 = goarch && TOOLCHAIN_ZIP_SHA256[goarch];
  const why = onPath ? `${onPath} is ${pathVersion ? `go${pathVersion}` : 'not runnable'}` : 'no `go` on PATH';
  if (process.platform !== 'linux' || !goarch || !sha256) {
    throw new Error(
      `${why} and no pinned Go toolchain for ${process.platform}/${process.arch}: install Go ≥ ${GO_VERSION} (https://go.dev/dl/)`,
    );
  }
  const version = `v0.0.1-go${GO_VERSION}.linux-${goarch}`;
  const url = `${moduleProxy()}/${TOOLCHAIN_MODULE}/@v/${version}.zip`;
  const started = performance.now();
  log(`go toolchain: ${why}; downloading ${TOOLCHAIN_MODULE}@${version} (about 70 MB) into ${goroot}`);
  const zip = await download(url, sha256);
  // Unpacked aside and renamed, so an interrupted run never leaves half a toolchain that looks whole.
  const partial = `${goroot}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await unpack(zip, `${TOOLCHAIN_MODULE}@${version}/`, partial);
  await rm(goroot, { recursive: true, force: true });
  await rename(partial, goroot);
  const unpacked = await goVersion(provisioned.go, provisioned.env);
  if (unpacked !== GO_VERSION) throw new Error(`unpacked ${goroot} but its go reports ${unpacked ?? 'nothing'}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`go toolchain: unpacked go${GO_VERSION} into ${goroot} in ${seconds} s`);
  return provisioned;
}

const GOARCH: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };

function toolchainRoot(): string {
  return path.join(toolsDir(), 'go', `go${GO_VERSION}`);
}

function provisionedToolchain(goroot: string): GoToolchain {
  const bin = path.join(goroot, 'bin');
  return {
    go: path.join(bin, 'go'),
    // GOTOOLCHAIN=local: this Go builds, it does not go and fetch another one.
    env: {
      ...process.env,
      GOROOT: goroot,
      GOTOOLCHAIN: 'local',
      PATH: [bin, process.env.PATH].filter(Boolean).join(path.delimiter),
    },
    version: `go${GO_VERSION}`,
  };
}

/** The first proxy in GOPROXY that is a URL (the pinned hash checks whatever it serves), else proxy.golang.org. */
function moduleProxy(): string {
  const proxies = (process.env.GOPROXY ?? '').split(/[,|]/).map((entry) => entry.trim());
  return (proxies.find((entry) => /^https?:\/\//.test(entry)) ?? DEFAULT_PROXY).replace(/\/+$/, '');
}

async function download(url: string, sha256: string): Promise<Uint8Array> {
  const response = await fetch(url).catch((error: unknown) => {
    // fetch says only "fetch failed"; why is in its cause (ECONNREFUSED, ENOTFOUND…).
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new Error(`GET ${url}: ${cause instanceof Error ? cause.message : String(cause)}`);
  });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${response.statusText}`);
  const zip = new Uint8Array(await response.arrayBuffer());
  const actual = createHash('sha256').update(zip).digest('hex');
  if (actual !== sha256) throw new Error(`${url} has SHA-256 ${actual}, expected ${sha256}`);
  return zip;
}

/** Writes the entries under `prefix` into `dir`, then makes bin/ and pkg/tool/ executable, as GOTOOLCHAIN does. */
async function unpack(zip: Uint8Array, prefix: string, dir: string): Promise<void> {
  const entries: { name: string; size: number }[] = [];
  unzipSync(zip, {
    filter: ({ name, originalSize }) => {
      entries.push({ name, size: originalSize });
      return false;
    },
  });
  const batches: Set<string>[] = [new Set()];
  let batchBytes = 0;
  for (const { name, size } of entries) {
    if (name.endsWith('/')) continue;
    const relative = name.slice(prefix.length);
    if (!name.startsWith(prefix) || relative.split('/').some((part) => part === '..' || part === '')) {
      throw new Error(`unexpected entry ${name} in the toolchain zip`);
    }
    if (batchBytes > 0 && batchBytes + size > UNPACK_BATCH_BYTES) {
      batches.push(new Set());
      batchBytes = 0;
    }
    batches.at(-1)?.add(name);
    batchBytes += size;
  }
  for (const batch of batches) {
    const files = unzipSync(zip, { filter: ({ name }) => batch.has(name) });
    for (const [name, data] of Object.entries(files)) {
      const file = path.join(dir, name.slice(prefix.length));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    }
  }
  await allowExec(path.join(dir, 'bin'));
  await allowExec(path.join(dir, 'pkg', 'tool'));
}

async function allowExec(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) await chmod(path.join(entry.parentPath, entry.name), 0o755);
  }
}

/** `go version` → "1.26.8"; undefined if it does not run. */
async function goVersion(go: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (!isExecutable(go)) return undefined;
  try {
    const { stdout } = await execFileAsync(go, ['version'], { env, timeout: 30_000 });
    return /\bgo(\d+\.\d+(?:\.\d+)?)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/** Compares dotted Go versions ("1.26" < "1.26.8" < "1.27"). */
export function atLeast(version: string, minimum: string): boolean {
  const parse = (v: string) => v.split('.').map(Number);
  const [a, b] = [parse(version), parse(minimum)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x = 0, y = 0] = [a[i], b[i]];
    if (x !== y) return x > y;
  }
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { go, version } = await ensureGoToolchain({ log: (line) => console.log(`[setup] ${line}`) });
  console.log(`[setup] ${go} (${version})`);
}
