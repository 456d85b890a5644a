import { condition, patched } from '@temporalio/workflow';
import { startOfDay } from '../../machines/calendar';
import { meetingAhead } from '../../machines/meeting.machine';
import { type AreaReorganizedArgs, AreaReorganizedArgsSchema } from '../cross-workflow.schemas';
import type { MeetingRun } from './run-state';

/**
 * The meeting's area ceases in a reorganisation (a merger, a split whole, a dissolution), told by the route that
 * records it. On the effective day (the start of a Vietnam day, or at once when heard of later), a meeting still
 * ahead and dated on or after that day is cancelled with AREA_REORGANIZED: by no one, charged to no one, its open
 * approval closed as cancelled. A meeting moved before the day, or already behind, is left as it is. A unit that
 * continues (a rename, a boundary moved) keeps its meetings: such a signal is ignored. Runs recorded before meetings
 * heard of reorganisations replay so.
 */

/** The patch under which a meeting hears of its area's reorganisation. Never rename it. */
const MEETING_AREA_REORGANIZED = 'meeting-area-reorganized';

export async function areaReorganized(run: MeetingRun, args: AreaReorganizedArgs): Promise<void> {
  // The sending route checked the arguments before sending; a malformed signal is dropped, never half taken.
  const parsed = AreaReorganizedArgsSchema.safeParse(args);
  if (!parsed.success || parsed.data.outcome !== 'CEASES' || run.ceases || !meetingAhead(run.top())) return;
  if (!patched(MEETING_AREA_REORGANIZED)) return;
  const { reorganizationId, effectiveOn } = parsed.data;
  run.ceases = parsed.data;
  const effectiveAt = startOfDay(effectiveOn);
  if (Date.now() < effectiveAt) await condition(() => !meetingAhead(run.top()), effectiveAt - Date.now());
  const event = { type: 'AREA_REORGANIZED' as const, reorganizationId };
  if (!meetingAhead(run.top()) || run.startsAtMs() < effectiveAt || !run.machine.snapshot.can(event)) return;
  const written = run.step(
    event,
    'system',
    'MEETING_CANCELLED_AREA_REORGANIZED',
    { kind: 'CANCELLED', reason: 'AREA_REORGANIZED', cancelledById: 'system' },
    [
      ...run.notice(run.context.attendeeId, 'meeting.cancelled', { reorganizationId, effectiveOn }),
      ...run.notice(run.input.leaderInChargeId, 'meeting.cancelled', { reorganizationId, effectiveOn }),
    ],
  );
  await Promise.all([written, run.closeApproval('CANCELLED')]);
}
