/**
 * The product's two workflow bundles (the real servers' and the time-skipping server's), built once per test run
 * rather than once per test file: vitest's global set-up builds them from the sources as they are when the run
 * starts, writes them to a folder of the run's own, and names it in the environment every test process inherits.
 * A test process reads them from there; a process started without the set-up (a bench, a script) builds its own.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { PRELOADED_MODULES } from '../../histories/replay';

const FOLDER = 'DIA_BAN_TEST_WORKFLOW_BUNDLES';

export type BundleKind = 'servers' | 'time-skipping';

const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
const quietBundler = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;

export function buildWorkflowBundle(kind: BundleKind): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    preloadModules: PRELOADED_MODULES,
    logger: quietBundler,
    ...(kind === 'time-skipping'
      ? { workflowInterceptorModules: [fileURLToPath(new URL('./time-skipping-workflows.ts', import.meta.url))] }
      : {}),
  });
}

/** The run's bundle of `kind`: read from the global set-up's folder when there is one, else built here. */
export async function runWorkflowBundle(kind: BundleKind): Promise<WorkflowBundleWithSourceMap> {
  const folder = process.env[FOLDER];
  if (!folder) return buildWorkflowBundle(kind);
  return JSON.parse(await readFile(join(folder, `${kind}.json`), 'utf8')) as WorkflowBundleWithSourceMap;
}

/** Vitest's global set-up: both bundles, once, for every file of the run. */
export default async function buildRunBundles(): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), 'dia-ban-bundles-'));
  const started = performance.now();
  await Promise.all(
    (['servers', 'time-skipping'] as const).map(async (kind) =>
      writeFile(join(folder, `${kind}.json`), JSON.stringify(await buildWorkflowBundle(kind))),
    ),
  );
  console.log(`[tests] workflow bundles built once for the run in ${Math.round(performance.now() - started)} ms`);
  process.env[FOLDER] = folder;
  return () => rm(folder, { recursive: true, force: true });
}
