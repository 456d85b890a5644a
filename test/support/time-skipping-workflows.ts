/**
 * The workflow interceptor module of the time-skipping test server's bundle: months and evaluations start through the
 * client there (workflows/child-starts.ts says why).
 */
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { startOwnWorkflowsThroughClient } from '../../workflows/child-starts';

export const interceptors: WorkflowInterceptorsFactory = () => {
  startOwnWorkflowsThroughClient();
  return {};
};
