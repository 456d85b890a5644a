import type { Client } from '@temporalio/client';
import { dayOf } from '../../machines/calendar';
import { quarterOf } from '../../machines/meeting-policy';
import { DEFAULT_POLICY } from '../../machines/policy';
import { groupSessionsWorkflow, groupSessionsWorkflowId } from '../../workflows/group-sessions.workflow';

/** Starts the group's quarterly watch (Đ7.B.2) unless it runs already; idempotent, called at start-up and on use. */
export async function ensureGroupSessionWatch(
  temporal: Client,
  taskQueue: string,
  groupId: string,
  now: number = Date.now(),
): Promise<void> {
  await temporal.workflow.start(groupSessionsWorkflow, {
    taskQueue,
    workflowId: groupSessionsWorkflowId(groupId),
    args: [
      {
        groupId,
        quarter: quarterOf(dayOf(now)),
        minimumPerQuarter: DEFAULT_POLICY.meetings.groupSessions.minimumPerQuarter,
      },
    ],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
