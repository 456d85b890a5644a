import type { Client } from '@temporalio/client';
import { AUDIT_ANCHOR_WORKFLOW_ID } from '../workflows/audit-anchor.messages';
import { auditAnchorWorkflow } from '../workflows/audit-anchor.workflow';

/**
 * Starts the namespace's audit anchor workflow unless it is running already (a restart finds the same run, with its
 * anchors). Idempotent: every start-up calls it.
 */
export async function ensureAuditAnchor(
  client: Client,
  options: { taskQueue: string; everyMinutes: number },
): Promise<void> {
  await client.workflow.start(auditAnchorWorkflow, {
    workflowId: AUDIT_ANCHOR_WORKFLOW_ID,
    taskQueue: options.taskQueue,
    args: [{ everyMinutes: options.everyMinutes }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
