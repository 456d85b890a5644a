/**
 * The dashboard's areas: the units in force on a day, under that day's names, each with who monitors it. With a
 * programme, only the kinds of areas the programme monitors, and only its own monitors: the Board's official (the
 * assignment in effect) under a programme of Board officials, the agency leaders whose links are in force on the day
 * under a programme of agency leaders. Without one, every unit and every monitor.
 */
import type { AreaKind, Prisma, PrismaClient } from '../../prisma/database';
import type { IsoDay } from '../../machines/calendar';
import { areaMapSelect, areasExistingOn, mapFields } from '../areas/reads';
import { namesOn } from '../areas-history/reads';
import {
  areaRefSelect,
  currentAssignment,
  currentAssignmentInclude,
  IN_EFFECT,
  officialSummarySelect,
} from '../directory/views';
import { type PageRequest, pageArgs, toPage } from '../pagination';
import { programmeFilter } from '../programmes/reads';

export interface DashboardAreasQuery extends PageRequest {
  /** The day the units are in force on. */
  day: IsoDay;
  programmeId?: string | undefined;
}

export async function dashboardAreasPage(prisma: PrismaClient, { day, programmeId, ...page }: DashboardAreasQuery) {
  const programme = programmeId
    ? await prisma.programme.findUnique({
        where: { id: await programmeFilter(prisma, programmeId) },
        select: { id: true, areaKinds: true },
      })
    : null;
  const kinds = programme && Array.isArray(programme.areaKinds) ? programme.areaKinds.map(String) : null;
  const ofProgramme = programme ? { programmeId: programme.id } : {};
  const where: Prisma.AreaWhereInput = {
    ...areasExistingOn(day),
    ...(kinds && { kind: { in: kinds as AreaKind[] } }),
  };
  const rows = await prisma.area.findMany({
    where,
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
    ...pageArgs(page),
    select: {
      ...areaRefSelect,
      ...areaMapSelect,
      parentId: true,
      leaderInCharge: { select: officialSummarySelect },
      assignments: { ...currentAssignmentInclude, where: { ...IN_EFFECT, ...ofProgramme } },
      agencyLeaderAreas: {
        where: { ...ofProgramme, from: { lte: day }, OR: [{ until: null }, { until: { gte: day } }] },
        orderBy: [{ from: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          from: true,
          decisionNumber: true,
          member: {
            select: {
              id: true,
              title: true,
              user: { select: { displayName: true } },
              agency: { select: { name: true } },
            },
          },
        },
      },
    },
  });
  const names = await namesOn(
    prisma,
    rows.map((r) => ({ areaId: r.id, day })),
  );
  return toPage(rows, page.limit, ({ assignments, agencyLeaderAreas, ...area }) => ({
    ...mapFields(area),
    name: names.get(`${area.id}|${day}`) ?? area.name,
    currentAssignment: currentAssignment(assignments),
    agencyLeaders: agencyLeaderAreas.map((link) => ({
      linkId: link.id,
      memberId: link.member.id,
      displayName: link.member.user.displayName,
      title: link.member.title,
      agencyName: link.member.agency.name,
      from: link.from,
      decisionNumber: link.decisionNumber,
    })),
  }));
}
