/**
 * Replays recorded histories against the current workflow code: the auditor's check that what was recorded is
 * still what the code would do. A history that no longer replays names the workflow and the determinism error.
 */
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { History } from './workflow-histories';

/** Entry of the workflow bundle: the worker bundles it (webpack) when it is created, and so does the replayer. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Modules the bundle evaluates once per worker, shared by all its workflows, instead of once per workflow (the
 * bundler's preloadModules): the libraries workflows/shared-modules.ts names. Every bundle of the product's workflows
 * (the worker's, the replayer's, the tests') preloads them, so that each runs the code as the others do.
 */
export const PRELOADED_MODULES = [fileURLToPath(new URL('../workflows/shared-modules.ts', import.meta.url))];

export interface HistoryToReplay {
  workflowId: string;
  /** Known for histories fetched from the server; an uploaded file may not say. */
  runId?: string;
  history: History;
}

export interface ReplayVerdict {
  workflowId: string;
  runId: string;
  ok: boolean;
  error?: string;
}

export interface ReplayReport {
  results: ReplayVerdict[];
  replayed: number;
  failed: number;
}

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The current workflow code, bundled once per process (a few seconds) and reused by every replay. */
function currentWorkflowCode(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: PRELOADED_MODULES,
    logger: quiet as never,
  }).catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}

export async function replayHistories(histories: HistoryToReplay[]): Promise<ReplayReport> {
  const results: ReplayVerdict[] = [];
  if (histories.length > 0) {
    const workflowBundle = await currentWorkflowCode();
    let index = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      results.push({
        workflowId: result.workflowId,
        runId: histories[index++]?.runId ?? result.runId,
        ok: !result.error,
        ...(result.error && { error: `${result.error.name}: ${result.error.message}` }),
      });
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  return { results, replayed: results.length, failed };
}
