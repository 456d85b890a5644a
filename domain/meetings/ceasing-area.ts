/**
 * A meeting is of a unit on its day: a unit that has ceased by then (merged, split, dissolved: its period ends the day
 * before the reorganisation's effective day) holds no meeting. Recording an invitation for such a day, or moving a
 * meeting to one, is refused (422 AREA_CEASES) before anything reaches the meeting's workflow, naming the effective
 * day and the successors whose committees now invite. A day before a new unit exists is refused likewise
 * (area-not-yet.ts).
 */
import { addDays, dayOf } from '../../machines/calendar';
import type { PrismaClient } from '../../prisma/database';
import { successionsOf } from '../areas-history/reads';
import { ruleViolated } from '../organisation/periods';
import { refuseMeetingBeforeAreaExists } from './area-not-yet';

export const AREA_CEASES = 'AREA_CEASES';

/**
 * Refuses a meeting of `areaId` starting at `startsAt` when the unit has ceased by that day (a Vietnam day), or does
 * not exist yet on it.
 */
export async function refuseMeetingOfCeasedArea(prisma: PrismaClient, areaId: string, startsAt: Date): Promise<void> {
  const area = await prisma.area.findUnique({
    where: { id: areaId },
    select: { name: true, validFrom: true, validUntil: true },
  });
  if (!area) return;
  const day = dayOf(startsAt.getTime());
  refuseMeetingBeforeAreaExists(area, areaId, day);
  if (!area.validUntil) return;
  const lastDay = dayOf(area.validUntil.getTime());
  if (day <= lastDay) return;
  const effectiveOn = addDays(lastDay, 1);
  const succession = (await successionsOf(prisma, areaId)).find((s) => s.effectiveOn === effectiveOn);
  const successors = succession?.successors.map(({ id, name }) => ({ id, name })) ?? [];
  const into = successors.length > 0 ? `; its successors: ${successors.map((s) => s.name).join(', ')}` : '';
  throw ruleViolated(AREA_CEASES, `${area.name} ceases from ${effectiveOn}${into}: it holds no meeting on ${day}`, {
    field: 'startsAt',
    areaId,
    effectiveOn,
    successors,
  });
}

/** Refuses moving meeting `meetingId` to `startsAt` when its unit has ceased by then; an unknown meeting is the update's to answer. */
export async function refuseMoveIntoCeasedArea(prisma: PrismaClient, meetingId: string, startsAt: Date): Promise<void> {
  const meeting = await prisma.meeting.findUnique({ where: { id: meetingId }, select: { areaId: true } });
  if (meeting) await refuseMeetingOfCeasedArea(prisma, meeting.areaId, startsAt);
}
