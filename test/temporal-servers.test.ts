import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toolPaths } from '../worker/tools-dir';
import { devServerExecutable, testServerExecutable } from '../worker/temporal-executables';
import type { echo, echoAfterSleep } from './fixtures/echo-workflow';
import { startDevServerEnv, startTimeSkippingEnv } from './support/temporal';

const DAY_MS = 24 * 60 * 60 * 1000;

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
  // A tools cache and a PATH of the test's own: both answers are checked on any machine, provisioned or not.
  const saved = { tools: process.env.DIABAN_TOOLS_DIR, path: process.env.PATH };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dia-ban-tools-'));
    process.env.DIABAN_TOOLS_DIR = path.join(dir, 'tools');
    process.env.PATH = path.join(dir, 'path');
  });
  afterEach(() => {
    process.env.PATH = saved.path;
    if (saved.tools === undefined) delete process.env.DIABAN_TOOLS_DIR;
    else process.env.DIABAN_TOOLS_DIR = saved.tools;
    rmSync(dir, { recursive: true, force: true });
  });
  const executable = (file: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  };

  it('takes the dev server from the tools cache, else leaves it to the SDK download', () => {
    expect(devServerExecutable()).toEqual({ type: 'cached-download' });
    const { temporalCli } = toolPaths();
    executable(temporalCli);
    expect(devServerExecutable()).toEqual({ type: 'existing-path', path: temporalCli });
  });

  it('takes the time-skipping server from the tools cache when java is on PATH, else leaves it to the SDK', () => {
    const { testServerWrapper } = toolPaths();
    executable(testServerWrapper);
    expect(testServerExecutable()).toEqual({ type: 'cached-download' });
    executable(path.join(dir, 'path', 'java'));
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
