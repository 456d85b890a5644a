import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { savedHistories } from '../support/histories';
import { workflowBundle } from '../support/lifecycle-harness';

describe('recorded histories replay against the current workflow code', () => {
  const histories = savedHistories();

  it('has histories of the lifecycle scenarios to replay', () => {
    expect(histories.length).toBeGreaterThanOrEqual(4);
  });

  it.each(histories.map((h) => [h.workflowId, h] as const))(
    '%s replays deterministically',
    async (_id, { workflowId, history }) => {
      await expect(
        Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId),
      ).resolves.toBeUndefined();
    },
  );
});
