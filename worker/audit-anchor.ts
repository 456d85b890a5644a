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
): Promise<string> {
  const previous = await endedRunAnchors(client);
  if (previous === 'running') return 'running';
  const ended = typeof previous === 'string' ? undefined : previous;
  await client.workflow.start(auditAnchorWorkflow, {
    workflowId: AUDIT_ANCHOR_WORKFLOW_ID,
    taskQueue: options.taskQueue,
    args: [
      {
        everyMinutes: options.everyMinutes,
        anchoringsPerRun: options.anchoringsPerRun,
        anchors: ended?.anchors,
        lastRefusal: ended?.lastRefusal ?? undefined,
        // The next checkpoint must extend the last one signed, whichever run signed it.
        checkpoints: ended?.checkpoints,
      },
    ],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  if (typeof previous === 'string') return `started; ${previous}`;
  return ended ? `started, carrying the ${ended.anchors.length} anchors of the run that ended` : 'started';
}

/**
 * The anchors of the last run when it has ended; 'running' when it runs; undefined when none was ever started; a
 * sentence when the ended run's anchors could not be read (start-up goes on without them, saying so).
 */
async function endedRunAnchors(client: Client): Promise<AuditAnchorView | 'running' | string | undefined> {
  const handle = client.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID);
  try {
    if ((await handle.describe()).status.name === 'RUNNING') return 'running';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
  try {
    return await handle.query(auditAnchorsQuery);
  } catch (error) {
    return `the anchors of the run that ended could not be read (${(error as Error).message.split('\n')[0]})`;
  }
}
