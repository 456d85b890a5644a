import { getExternalWorkflowHandle, TemporalFailure } from '@temporalio/workflow';
import type { Ground } from '../machines/assignment.machine';
import { groundEstablishedSignal } from './cross-workflow.messages';

/** Tells the assignment a ground was established; one that has closed meanwhile (signal refused) needs none. */
export async function reportGround(assignmentWorkflowId: string, ground: Ground): Promise<boolean> {
  try {
    await getExternalWorkflowHandle(assignmentWorkflowId).signal(groundEstablishedSignal, { ground });
    return true;
  } catch (error) {
    if (error instanceof TemporalFailure) return false;
    throw error;
  }
}
