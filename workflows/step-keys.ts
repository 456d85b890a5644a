import { workflowInfo } from '@temporalio/workflow';

/**
 * Idempotency keys for this workflow's writes: the workflow id and a step counter that survives
 * continue-as-new. Replays produce the same keys, retries reuse them.
 */
export class StepKeys {
  constructor(private count = 0) {}

  next(label: string): string {
    this.count += 1;
    return `${workflowInfo().workflowId}:${this.count}:${label}`;
  }

  get issued(): number {
    return this.count;
  }
}

/** The workflow clock as an ISO instant, for records. */
export const nowIso = (): string => new Date(Date.now()).toISOString();
