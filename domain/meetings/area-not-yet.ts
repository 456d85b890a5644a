/**
 * A meeting is of a unit on its day: a unit a reorganisation creates (merged into, split off, new) exists from its
 * first day, and holds no meeting before it. Recording an invitation for an earlier day, or moving a meeting to one, is
 * refused (422 AREA_NOT_YET_IN_FORCE) before anything reaches the meeting's workflow, naming the unit's first day.
 */
import { dayOf } from '../../machines/calendar';
import { ruleViolated } from '../organisation/periods';

export const AREA_NOT_YET_IN_FORCE = 'AREA_NOT_YET_IN_FORCE';

/** Refuses a meeting of the unit on `day` (a Vietnam day) when the unit does not exist yet on that day. */
export function refuseMeetingBeforeAreaExists(
  area: { name: string; validFrom: Date | null },
  areaId: string,
  day: string,
): void {
  // A unit with no recorded first day (the map as the Board moved in) has always existed.
  if (!area.validFrom) return;
  const firstDay = dayOf(area.validFrom.getTime());
  if (day >= firstDay) return;
  throw ruleViolated(AREA_NOT_YET_IN_FORCE, `${area.name} exists from ${firstDay}: it holds no meeting on ${day}`, {
    field: 'startsAt',
    areaId,
    firstDay,
  });
}
