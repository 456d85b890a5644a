import { WorkflowNotFoundError } from '@temporalio/client';

/**
 * Whether a workflow was ever started under this id (describe answers not-found otherwise): what the area claims ask
 * of a proposal whose workflow may never have started (domain/assignments/area-claims.ts).
 */
export async function workflowStarted(describe: () => Promise<unknown>): Promise<boolean> {
  try {
    await describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
