/**
 * Time in the field (seed 002: 'a third of working time at the grassroots'): each official's days at their areas in a
 * month, from the field trips of their plans confirmed by the month's report (Đ8.1, 'đi báo việc, về báo công') and the
 * meetings they attended and reported (Đ5.2, Đ7.A.5), beside the policy's target share of the month's working days.
 */
import { addDays, dayOf, lastDayOfMonth, startOfDay, type WorkingCalendar } from '../../machines/calendar';
import { policyInForce } from '../programmes/reads';
import type { PrismaClient } from '../../prisma/database';

const REPORTED_STATES = ['reported', 'reportedWithoutApproval'];

/**
 * The field time of `month` (YYYY-MM), its working days counted by `calendar`; the officials furthest behind first.
 * With `programmeId`, the plans and meetings of that programme's assignments only, beside its own target.
 */
export async function fieldTimeOf(
  prisma: PrismaClient,
  month: string,
  calendar: WorkingCalendar,
  programmeId?: string | undefined,
) {
  const first = `${month}-01`;
  const last = lastDayOfMonth(month);
  let workingDays = 0;
  for (let day = first; day <= last; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) workingDays += 1;
  // The programme's target in force on the month's first day (the Board's own when none is asked).
  const share = (await policyInForce(prisma, programmeId, first)).policy.meetings.fieldTime.targetShareOfWorkingDays;
  const ofProgramme = programmeId
    ? {
        assignmentId: {
          in: (await prisma.assignment.findMany({ where: { programmeId }, select: { id: true } })).map((a) => a.id),
        },
      }
    : {};
  const from = new Date(startOfDay(first));
  const to = new Date(startOfDay(addDays(last, 1)));
  const [plans, reports, meetings] = await Promise.all([
    prisma.monthlyPlan.findMany({
      where: { ...ofProgramme, period: month, plannedFor: { gte: from, lt: to } },
      select: { assignmentId: true, filedById: true, plannedFor: true },
    }),
    prisma.monthlyReport.findMany({ where: { ...ofProgramme, period: month }, select: { assignmentId: true } }),
    prisma.meeting.findMany({
      where: { ...ofProgramme, state: { in: REPORTED_STATES }, startsAt: { gte: from, lt: to } },
      select: { attendeeId: true, additionalMemberIds: true, startsAt: true },
    }),
  ]);
  const reported = new Set(reports.map((r) => r.assignmentId));
  const days = new Map<string, { trips: Set<string>; meetings: Set<string> }>();
  const of = (id: string) => {
    let entry = days.get(id);
    if (!entry) days.set(id, (entry = { trips: new Set(), meetings: new Set() }));
    return entry;
  };
  for (const plan of plans)
    if (plan.plannedFor && reported.has(plan.assignmentId))
      of(plan.filedById).trips.add(dayOf(plan.plannedFor.getTime()));
  for (const meeting of meetings)
    for (const id of [meeting.attendeeId, ...(JSON.parse(meeting.additionalMemberIds) as string[])])
      of(id).meetings.add(dayOf(meeting.startsAt.getTime()));
  const names = new Map(
    (
      await prisma.official.findMany({
        where: { id: { in: [...days.keys()] } },
        select: { id: true, fullName: true },
      })
    ).map((o) => [o.id, o.fullName]),
  );
  const targetDays = Math.ceil(workingDays * share);
  const officials = [...days.entries()]
    .map(([officialId, d]) => {
      const all = new Set([...d.trips, ...d.meetings]);
      return {
        officialId,
        name: names.get(officialId) ?? officialId,
        fieldDays: all.size,
        tripDays: d.trips.size,
        meetingDays: d.meetings.size,
        days: [...all].sort(),
        belowTarget: all.size < targetDays,
      };
    })
    .sort((a, b) => a.fieldDays - b.fieldDays || a.name.localeCompare(b.name));
  return { month, workingDays, targetShare: share, targetDays, officials };
}
