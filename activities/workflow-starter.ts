import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ActivityDeps } from './deps';

export interface StartWorkflowRequest {
  workflowType: 'assignmentWorkflow' | 'monthlyCycleWorkflow' | 'annualEvaluationWorkflow';
  workflowId: string;
  input: unknown;
}

/**
 * Starts a workflow that lives on its own (a month, a year's evaluation, a successor's assignment).
 * Not a child: it outlives the assignment's continue-as-new runs and closing, and it reports back by signal.
 * Ids are derived from the domain, and a retry that finds the workflow already started (or finished) is done.
 */
export function startWorkflowOnce(deps: ActivityDeps) {
  return async ({ workflowType, workflowId, input }: StartWorkflowRequest): Promise<'started' | 'already-started'> => {
    try {
      await deps.temporal.client.workflow.start(workflowType, {
        taskQueue: deps.temporal.taskQueue,
        workflowId,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return 'started';
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
      throw error;
    }
  };
}
