import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExecutable, toolPaths } from '../worker/tools-dir';
import { devServerExecutable, testServerExecutable } from '../worker/temporal-executables';
import type { echo, echoAfterSleep } from './fixtures/echo-workflow';
import { startDevServerEnv, startTimeSkippingEnv } from './support/temporal';

const DAY_MS = 24 * 60 * 60 * 1000;
const { temporalCli, testServerWrapper } = toolPaths();

let workflowBundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./fixtures/echo-workflow.ts', import.meta.url)),
    logger: new DefaultLogger('WARN'),
  });
});

async function workerFor(env: TestWorkflowEnvironment) {
  const taskQueue = `echo-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });
  return { worker, taskQueue };
}

describe('executable resolution', () => {
  // Skipped (not failed) on a machine that has not run `npm run setup`: the SDK download is the legitimate fallback.
  it.runIf(isExecutable(temporalCli))('takes the dev server from the tools cache', () => {
    expect(devServerExecutable()).toEqual({ type: 'existing-path', path: temporalCli });
  });

  it.runIf(isExecutable(testServerWrapper))('takes the time-skipping server from the tools cache', () => {
    expect(testServerExecutable()).toEqual({ type: 'existing-path', path: testServerWrapper });
  });
});

describe('dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startDevServerEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('is a real Temporal server that runs a workflow', async () => {
    expect(env.supportsTimeSkipping).toBe(false);
    const { serverVersion } = await env.connection.workflowService.getSystemInfo({});
    expect(serverVersion).toMatch(/^\d+\.\d+\.\d+/);

    const { worker, taskQueue } = await workerFor(env);
    const result = await worker.runUntil(
      env.client.workflow.execute<typeof echo>('echo', { args: ['xin chào'], taskQueue, workflowId: randomUUID() }),
    );
    expect(result).toBe('xin chào');
  });
});

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('finishes a 30-day sleep in seconds of wall time', async () => {
    expect(env.supportsTimeSkipping).toBe(true);
    const { worker, taskQueue } = await workerFor(env);
    const serverTimeBefore = await env.currentTimeMs();
    const started = performance.now();

    const result = await worker.runUntil(
      env.client.workflow.execute<typeof echoAfterSleep>('echoAfterSleep', {
        args: ['hẹn gặp lại', 30],
        taskQueue,
        workflowId: randomUUID(),
      }),
    );

    expect(result).toBe('hẹn gặp lại');
    expect(performance.now() - started).toBeLessThan(20_000);
    expect((await env.currentTimeMs()) - serverTimeBefore).toBeGreaterThanOrEqual(30 * DAY_MS);
  });
});
