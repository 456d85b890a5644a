/** The complaint's workflow as the routes talk to it: by the complaint's id. */
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { complaintStateQuery, type ComplaintView } from '../../workflows/complaint.messages';
import { complaintWorkflowId } from '../../workflows/ids';
import { refusingClosed } from '../closed-workflows';

export const complaintHandle = (temporal: Client, complaintId: string) =>
  temporal.workflow.getHandle(complaintWorkflowId(complaintId));

/** The workflow's view while it runs; null once it has ended (the record then says it all) or cannot be reached. */
export async function liveView(temporal: Client, complaintId: string): Promise<ComplaintView | null> {
  const handle = complaintHandle(temporal, complaintId);
  const description = await handle.describe().catch(() => null);
  return description?.status.name === 'RUNNING' ? handle.query(complaintStateQuery).catch(() => null) : null;
}

/** Sends an update and answers with the view it returns; on an ended workflow, the 409 of api/closed-workflows.ts. */
export function updateComplaint<Args>(
  temporal: Client,
  complaintId: string,
  update: UpdateDefinition<ComplaintView, [Args]>,
  args: Args,
  updateId?: string,
): Promise<ComplaintView> {
  const handle = complaintHandle(temporal, complaintId);
  return refusingClosed(
    () => handle.executeUpdate(update, { args: [args], updateId }),
    () => handle.query(complaintStateQuery),
  );
}
