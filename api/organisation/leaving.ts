/**
 * An official leaves the Board: the records end what is theirs (domain/organisation/leaving.ts), then each of their
 * assignments in force gets a position-change ground through its workflow, the same update as
 * POST /assignments/:id/position-change, for leadership to decide (Đ4.2): nothing is reassigned by itself. The update
 * id names the official, the day and the assignment, so the same request again reports no ground twice.
 */
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Caller } from '../../domain/caller';
import type { Db } from '../../domain/organisation/audit';
import { type Leaving, recordLeaving } from '../../domain/organisation/leaving';
import type { Leaving as LeavingAnswer } from '../../contracts/organisation';
import { reportPositionChangeUpdate } from '../../workflows/assignment.messages';
import { assignmentWorkflowId } from '../../workflows/ids';

export async function officialLeaves(
  db: Db,
  temporal: Client,
  caller: Caller,
  officialId: string,
  leaving: Leaving,
): Promise<LeavingAnswer> {
  const left = await recordLeaving(db, caller, officialId, leaving);
  const note = `Rời cơ quan từ ngày ${left.leftOn}: ${leaving.note}`;
  const assignments: LeavingAnswer['assignments'] = [];
  for (const a of left.assignments) {
    if (!a.state.startsWith('active.')) {
      assignments.push({ ...a, ground: 'NOT_IN_FORCE' });
      continue;
    }
    try {
      await temporal.workflow.getHandle(assignmentWorkflowId(a.id)).executeUpdate(reportPositionChangeUpdate, {
        args: [{ actor: caller.actor, note }],
        updateId: `official-left-${officialId}-${left.leftOn}-${a.id}`,
      });
      assignments.push({ ...a, ground: 'REPORTED' });
    } catch (error) {
      if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      assignments.push({ ...a, ground: 'REFUSED', reason: error.cause?.message ?? error.message });
    }
  }
  return { ...left, assignments };
}
