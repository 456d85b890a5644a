/**
 * Whether the workflows in this worker start months and evaluations as child workflows (the default, on every real
 * Temporal server) or through the client from a local activity, as runs recorded before children did.
 *
 * The one worker that turns children off is the time-skipping test server's: that server takes a time-skipping lock
 * when a child completes, to be released by the parent's run, and never releases it when that run has already closed
 * (a month outliving its assignment's continue-as-new), so its clock would stop. Off, no patch marker is written, and
 * the runs it records replay on the product's bundle by the client path.
 */
let children = true;

export const startsChildren = (): boolean => children;

/** Called from the time-skipping test harness's workflow interceptor module, before any workflow runs. */
export function startOwnWorkflowsThroughClient(): void {
  children = false;
}
