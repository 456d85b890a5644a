/**
 * The provincial agencies' leaders who may be proposed to the Standing Committee to monitor a commune (seed 001), for
 * those who prepare and decide the proposals: each leader's agency, post and the communes they monitor today, read in
 * one query. Nothing of their monitoring (filings, comment forms, ratings): that is the agency's monitoring read, for
 * its head, Board leadership and the auditor.
 */
import type { AgencyLeaderList } from '../../contracts/agency-leaders';
import { dayOf, type IsoDay } from '../../machines/calendar';
import type { PrismaClient } from '../../prisma/database';

type Prisma = Pick<PrismaClient, 'agencyMember'>;

/** A record running from `from` to `until` (inclusive; null: still running) holds on `day`. */
const heldOn = (day: IsoDay) => ({ from: { lte: day }, OR: [{ until: null }, { until: { gte: day } }] });

/**
 * The members of every agency in place on `day` whose active account holds AGENCY_LEADER (who the proposal rules
 * accept), by agency then name, each with their communes in force on `day`.
 */
export async function agencyLeadersOn(prisma: Prisma, day: IsoDay = dayOf(Date.now())): Promise<AgencyLeaderList> {
  const members = await prisma.agencyMember.findMany({
    where: { ...heldOn(day), user: { active: true, roles: { some: { role: 'AGENCY_LEADER' } } } },
    orderBy: [{ agency: { name: 'asc' } }, { isHead: 'desc' }, { user: { displayName: 'asc' } }, { id: 'asc' }],
    select: {
      id: true,
      userId: true,
      title: true,
      isHead: true,
      user: { select: { displayName: true } },
      agency: { select: { id: true, code: true, name: true } },
      communes: {
        where: heldOn(day),
        orderBy: [{ from: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          programmeId: true,
          from: true,
          until: true,
          decisionNumber: true,
          area: { select: { id: true, name: true } },
        },
      },
    },
  });
  return {
    day,
    items: members.map((m) => ({
      memberId: m.id,
      userId: m.userId,
      displayName: m.user.displayName,
      title: m.title,
      isHead: m.isHead,
      agency: m.agency,
      communes: m.communes.map((c) => ({
        linkId: c.id,
        programmeId: c.programmeId,
        areaId: c.area.id,
        areaName: c.area.name,
        from: c.from,
        until: c.until,
        decisionNumber: c.decisionNumber,
      })),
    })),
  };
}
