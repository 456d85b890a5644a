import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { AUDIT_ANCHOR_WORKFLOW_ID, type AuditAnchorView, auditAnchorsQuery } from '../workflows/audit-anchor.messages';
import { auditAnchorWorkflow } from '../workflows/audit-anchor.workflow';

/**
 * Starts the namespace's audit anchor workflow unless it is running already (a restart finds the same run, with its
 * anchors). A run that ended (terminated, failed) hands its anchors to the new one, read from its history by a query
 * (the worker must be running). Idempotent: every start-up calls it.
 */
export async function ensureAuditAnchor(
  client: Client,
  options: { taskQueue: string; everyMinutes: number; anchoringsPerRun?: number },
): Promise<void> {
  const ended = await endedRunAnchors(client);
  await client.workflow.start(auditAnchorWorkflow, {
    workflowId: AUDIT_ANCHOR_WORKFLOW_ID,
    taskQueue: options.taskQueue,
    args: [
      {
        everyMinutes: options.everyMinutes,
        anchoringsPerRun: options.anchoringsPerRun,
        anchors: ended?.anchors,
        lastRefusal: ended?.lastRefusal ?? undefined,
      },
    ],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/** The anchors of the last run when it is no longer running; undefined when it runs, or none was ever started. */
async function endedRunAnchors(client: Client): Promise<AuditAnchorView | undefined> {
  const handle = client.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID);
  try {
    if ((await handle.describe()).status.name === 'RUNNING') return undefined;
    return await handle.query(auditAnchorsQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
