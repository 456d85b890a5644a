/**
 * The engine's own ceiling for test/bench/lifecycle-servers.bench.ts: a workflow of `steps` steps, each
 * one no-op activity, run as normal activities or as local ones. Bundled by the bench alone; not a product workflow.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

export interface TrivialActivities {
  noop(step: number): Promise<number>;
}

const normal = proxyActivities<TrivialActivities>({ startToCloseTimeout: '1 minute' });
const local = proxyLocalActivities<TrivialActivities>({ startToCloseTimeout: '1 minute' });

export async function trivialWorkflow(steps: number, kind: 'normal' | 'local'): Promise<number> {
  const activities = kind === 'local' ? local : normal;
  for (let step = 0; step < steps; step += 1) await activities.noop(step);
  return steps;
}
