import { continueAsNew, sleep, workflowInfo } from '@temporalio/workflow';
import { startOfDay } from '../machines/calendar';
import { quarterBounds, quarterOf } from '../machines/meeting-policy';
import { records } from './activity-proxies';
import { nowIso } from './step-keys';

/** The group's watch workflow id: one per group. */
export const groupSessionsWorkflowId = (groupId: string) => `group-sessions-${groupId}`;

export interface GroupSessionsInput {
  groupId: string;
  /** The quarter watched now (YYYY-Qn). */
  quarter: string;
  minimumPerQuarter: number;
  /** Quarters per run before continuing as new (default 4). */
  quartersPerRun?: number | undefined;
}

/**
 * Đ7.B.2 'Chủ trì sinh hoạt nhóm' (seed 002: quarterly): at the start of each quarter, the quarter before is closed;
 * a group without its sessions is flagged to its leader and on the leadership dashboard. Time is Temporal's; one
 * activity per quarter decides from the records, so a session recorded late in the quarter counts.
 */
export async function groupSessionsWorkflow(input: GroupSessionsInput): Promise<void> {
  const perRun = input.quartersPerRun ?? 4;
  let quarter = input.quarter;
  for (let closed = 0; closed < perRun; closed += 1) {
    const next = quarterBounds(quarter).next;
    const endsAt = startOfDay(next);
    if (endsAt > Date.now()) await sleep(endsAt - Date.now());
    await records.closeGroupQuarter({
      idempotencyKey: `${workflowInfo().workflowId}:${quarter}`,
      at: nowIso(),
      groupId: input.groupId,
      quarter,
      minimumPerQuarter: input.minimumPerQuarter,
    });
    quarter = quarterOf(next);
  }
  await continueAsNew<typeof groupSessionsWorkflow>({ ...input, quarter });
}
