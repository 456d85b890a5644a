/**
 * The workflows' stack traces: a bundle with the product's preloaded modules gives a workflow's errors no frames (the
 * SDK's trace of every promise was about 40% of the workflow thread's CPU), and one that also preloads the module
 * WORKER_WORKFLOW_STACK_TRACES=on adds gives them their frames back.
 */
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../worker/config';
import { preloadedModules } from '../../worker/run-worker';
import { Started } from '../support/started';
import { startTimeSkippingEnv } from '../support/temporal';
import { stackProbeWorkflow } from './stack-probe.workflow';

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;

describe("the workflows' stack traces", () => {
  const started = new Started();
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await started.add(startTimeSkippingEnv(), (e) => e.teardown());
  }, 120_000);
  afterAll(() => started.close());

  /** The probe's error stack, from a bundle preloading what the worker preloads with the setting given. */
  const probeStack = async (env_: NodeJS.ProcessEnv) => {
    const { workflowStackTraces } = loadConfig(env_).worker;
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./stack-probe.workflow.ts', import.meta.url)),
      preloadModules: preloadedModules(workflowStackTraces),
      logger: quiet,
    });
    const taskQueue = `stack-traces-${Math.random().toString(36).slice(2)}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });
    return worker.runUntil(
      env.client.workflow.execute(stackProbeWorkflow, { taskQueue, workflowId: `${taskQueue}-probe` }),
    );
  };

  it('gives a workflow error no frames by default', async () => {
    const stack = await probeStack({});
    expect(stack.startsWith('Error: probe')).toBe(true);
    expect(stack).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('gives its frames back with WORKER_WORKFLOW_STACK_TRACES=on', async () => {
    const stack = await probeStack({ WORKER_WORKFLOW_STACK_TRACES: 'on' });
    expect(stack).toMatch(/\n\s+at probeFrame /);
  }, 120_000);
});
