import type { WorkflowHandle } from '@temporalio/client';

interface Entry<View> {
  runId: string;
  historyLength: number;
  view: View;
}

/**
 * A workflow's query answer depends only on its history (that is Temporal's determinism), so an answer read at a
 * given run and history length stays true until the history grows. Reads describe the workflow (the server alone
 * answers) and query it (the worker must answer) only when the history has moved. `describe` is read before the query:
 * the answer kept is never older than the length it is kept under.
 */
export class WorkflowViewCache<View> {
  private readonly entries = new Map<string, Entry<View>>();

  constructor(private readonly capacity = 10_000) {}

  async read(handle: WorkflowHandle, query: () => Promise<View>): Promise<View> {
    const { runId, historyLength } = await handle.describe();
    const kept = this.entries.get(handle.workflowId);
    if (kept && kept.runId === runId && kept.historyLength === historyLength) {
      // Most recently used last: the first key is the one to evict.
      this.entries.delete(handle.workflowId);
      this.entries.set(handle.workflowId, kept);
      return kept.view;
    }
    const view = await query();
    this.entries.delete(handle.workflowId);
    this.entries.set(handle.workflowId, { runId, historyLength, view });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return view;
  }
}
