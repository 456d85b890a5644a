import { patched, workflowInfo } from '@temporalio/workflow';

/** The patch after which keys name the run and the step rather than its place in the run. Never rename it. */
const KEYS_BY_RUN_AND_STEP = 'step-keys-by-run-and-step';

/**
 * Idempotency keys for this workflow's writes. Replays produce the same keys, retries reuse them.
 *
 * Written first as the workflow id and a step counter that survives continue-as-new. Now the run and the step: its
 * label and how many steps of that label the run took before it. Writes run inside the workflow task (local
 * activities); a task that fails after a write and is retried may take its steps in another order (an update that came
 * in between is handled first), and a counter over all steps would then give the same step a second key. Per label,
 * the order is the workflow's own and stays.
 */
export class StepKeys {
  private readonly perLabel = new Map<string, number>();
  private readonly byRunAndStep: boolean;

  constructor(private count = 0) {
    this.byRunAndStep = patched(KEYS_BY_RUN_AND_STEP);
  }

  next(label: string): string {
    this.count += 1;
    const { workflowId, runId } = workflowInfo();
    if (!this.byRunAndStep) return `${workflowId}:${this.count}:${label}`;
    const nth = (this.perLabel.get(label) ?? 0) + 1;
    this.perLabel.set(label, nth);
    return `${workflowId}:${runId}:${label}:${nth}`;
  }

  get issued(): number {
    return this.count;
  }
}

/** The workflow clock as an ISO instant, for records. */
export const nowIso = (): string => new Date(Date.now()).toISOString();
