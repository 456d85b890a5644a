/** The audit anchor workflow, as the audit routes ask it: anchor the chain's head now, or tell its latest anchor. */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  AUDIT_ANCHOR_WORKFLOW_ID,
  anchorNowUpdate,
  type AuditAnchor,
  auditAnchorsQuery,
  type SignedCheckpoint,
} from '../../workflows/audit-anchor.messages';
import { Refusal } from '../errors';

/** Asks the audit anchor workflow to anchor the head now; 503 when it is not running. */
export async function anchorNow(temporal: Client): Promise<AuditAnchor> {
  try {
    return await temporal.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID).executeUpdate(anchorNowUpdate);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      throw new Refusal(503, 'AUDIT_ANCHOR_NOT_RUNNING', 'The audit anchor workflow is not running');
    throw error;
  }
}

/** The anchor the chain is checked against: the audit anchor workflow's latest; null when none runs (yet). */
export async function latestAnchor(temporal: Client): Promise<AuditAnchor | null> {
  try {
    const view = await temporal.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID).query(auditAnchorsQuery);
    return view.anchors.at(-1) ?? null;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

/** The signed checkpoints the anchor workflow keeps, and its last refusal to sign; none when it does not run. */
export async function checkpointView(temporal: Client): Promise<{
  checkpoints: SignedCheckpoint[];
  lastRefusal: string | null;
  lastRefusalAt: string | null;
}> {
  try {
    const view = await temporal.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID).query(auditAnchorsQuery);
    const refusal = view.lastRefusal?.checkpoint ? view.lastRefusal : null;
    return {
      checkpoints: view.checkpoints ?? [],
      lastRefusal: refusal?.checkpoint ?? null,
      lastRefusalAt: refusal?.at ?? null,
    };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { checkpoints: [], lastRefusal: null, lastRefusalAt: null };
    throw error;
  }
}
