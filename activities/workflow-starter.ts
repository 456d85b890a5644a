import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
// Types only: activities sit below the workflows, which call this activity with these inputs.
import type { AnnualEvaluationInput } from '../workflows/annual-evaluation.workflow';
import type { AssignmentWorkflowInput } from '../workflows/assignment.workflow';
import type { MonthlyCycleInput } from '../workflows/monthly-cycle.workflow';
import type { ActivityDeps } from './deps';

/** The workflows an assignment starts on its own, by workflow type name (as sent to Temporal), with their input. */
export interface StartableWorkflowInputs {
  assignmentWorkflow: AssignmentWorkflowInput;
  monthlyCycleWorkflow: MonthlyCycleInput;
  annualEvaluationWorkflow: AnnualEvaluationInput;
}
export type StartableWorkflowType = keyof StartableWorkflowInputs;

export interface StartWorkflowRequest<W extends StartableWorkflowType = StartableWorkflowType> {
  workflowType: W;
  workflowId: string;
  input: StartableWorkflowInputs[W];
}

/**
 * Starts a workflow that lives on its own: a successor's assignment; a month or a year's evaluation only for runs
 * recorded before those became child workflows, and on the time-skipping test server (workflows/child-starts.ts).
 * Not a child: it outlives the assignment's continue-as-new runs and closing, and it reports back by signal.
 * Ids are derived from the domain, and a retry that finds the workflow already started (or finished) is done.
 */
export function startWorkflowOnce(deps: ActivityDeps) {
  return async <W extends StartableWorkflowType>({
    workflowType,
    workflowId,
    input,
  }: StartWorkflowRequest<W>): Promise<'started' | 'already-started'> => {
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
