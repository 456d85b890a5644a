/**
 * A provincial agency's leaders' monitoring of their communes (seed 001's named gap: the agency leadership's
 * responsibility for its own leaders' monitoring), from the records: the agency and its members today, each leader's
 * communes in the year, the version in force of the programme they monitor under, and the programme's filings on
 * record: the programme and its periodic and yearly reports from the leader's filings (CommuneFiling, opened by each
 * link's workflow), and the days at the commune those reports give. What is not on record (no filing opened for the
 * year, no day reported) stays empty and `built` null, never a "missing" the records cannot show.
 */
import { dayOf, type IsoDay } from '../../machines/calendar';
import { holdsIn, holdsOn, mayFollowAgency } from '../../machines/agency-access';
import type { Role } from '../../machines/roles';
import type {
  AgencyLeaderMonitoring,
  AgencyMonitoring,
  AgencySummary,
  MonitoredCommune,
} from '../../contracts/agencies';
import type { Prisma as PrismaTypes, PrismaClient } from '../../prisma/database';
import { commentsReceivedOn } from '../commune-comments/reads';
import { yearFilingsOfLinks } from '../commune-filings/reads';
import { policyInForce } from '../programmes/reads';
import { confidential, notFound } from '../refusal';

type Prisma = Pick<
  PrismaClient,
  'agency' | 'agencyMember' | 'programme' | 'programmeVersion' | 'assignment' | 'communeComment' | 'communeFiling'
>;

/** An agency with its members over time and each member's communes: what its monitoring and its ratings read. */
export const AGENCY_WITH_MEMBERS = {
  id: true,
  code: true,
  name: true,
  members: {
    orderBy: [{ isHead: 'desc' }, { from: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      userId: true,
      title: true,
      isHead: true,
      from: true,
      until: true,
      user: { select: { displayName: true } },
      communes: {
        orderBy: [{ from: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          programmeId: true,
          from: true,
          until: true,
          decisionNumber: true,
          area: { select: { id: true, name: true, kind: true } },
        },
      },
    },
  },
} as const satisfies PrismaTypes.AgencySelect;

export interface AgencyReader {
  userId: string;
  roles: readonly Role[];
}

async function programmeDays(prisma: Prisma, programmeId: string, year: number, today: IsoDay) {
  const programme = await prisma.programme.findUnique({ where: { id: programmeId }, select: { name: true } });
  const inForce = await policyInForce(prisma, programmeId, today).catch(() => null);
  const yearly = inForce?.policy.yearly;
  return {
    id: programmeId,
    name: programme?.name ?? programmeId,
    version: inForce?.label ?? null,
    programmeDueOn: yearly ? `${year}-${yearly.programmeDueOn}` : null,
    yearlyReportDueOn: yearly ? `${year}-${yearly.yearlyReportDueOn}` : null,
    reportEveryMonths: yearly?.reportEveryMonths ?? null,
    commentRequestOn: yearly ? `${year}-${yearly.comment.requestOn}` : null,
  };
}

/** The monitoring of an agency's leaders in the year of `today` (Vietnam's day); 404 unknown, 403 not the reader's. */
export async function agencyMonitoring(
  prisma: Prisma,
  agencyId: string,
  reader: AgencyReader,
  today: IsoDay = dayOf(Date.now()),
): Promise<AgencyMonitoring> {
  const agency = await prisma.agency.findUnique({ where: { id: agencyId }, select: AGENCY_WITH_MEMBERS });
  if (!agency) throw notFound('agency', agencyId);
  const members = agency.members.filter((m) => holdsOn(m, today));
  const heads = members.filter((m) => m.isHead);
  if (
    !mayFollowAgency(
      reader,
      heads.map((h) => h.userId),
    )
  )
    throw confidential(`The monitoring of agency ${agency.code}`);

  const year = Number(today.slice(0, 4));
  const programmeIds = [...new Set(members.flatMap((m) => m.communes.map((c) => c.programmeId)))].sort();
  const programmes = await Promise.all(programmeIds.map((id) => programmeDays(prisma, id, year, today)));
  const dueOf = new Map(programmes.map((p) => [p.id, p.programmeDueOn]));
  const filed = await yearFilingsOfLinks(
    prisma,
    members.flatMap((m) => m.communes.map((c) => c.id)),
    year,
  );
  const received = await commentsReceivedOn(
    prisma,
    members.flatMap((m) => m.communes.map((c) => c.id)),
  );

  const leaders: AgencyLeaderMonitoring[] = members.map((m) => {
    const communes: MonitoredCommune[] = m.communes
      .filter((c) => holdsIn(c, year))
      .map((c) => ({
        areaId: c.area.id,
        areaName: c.area.name,
        areaKind: c.area.kind,
        from: c.from,
        until: c.until,
        decisionNumber: c.decisionNumber,
        programmePlan: filed.get(c.id)?.programmePlan ?? {
          dueOn: dueOf.get(c.programmeId) ?? null,
          built: null,
          filedOn: null,
        },
        reports: filed.get(c.id)?.reports ?? [],
        commentsReceived: received.get(c.id) ?? [],
        fieldDays: filed.get(c.id)?.fieldDays ?? [],
      }));
    const reports = communes.flatMap((c) => c.reports);
    return {
      memberId: m.id,
      userId: m.userId,
      displayName: m.user.displayName,
      title: m.title,
      isHead: m.isHead,
      communes,
      totals: {
        communes: communes.length,
        plansBuilt: communes.filter((c) => c.programmePlan.built === true).length,
        reportsOnTime: reports.filter((r) => r.status === 'ON_TIME').length,
        reportsLate: reports.filter((r) => r.status === 'LATE').length,
        reportsMissing: reports.filter((r) => r.status === 'MISSING').length,
        commentsReceived: communes.reduce((n, c) => n + c.commentsReceived.length, 0),
        fieldDays: communes.reduce((n, c) => n + c.fieldDays.length, 0),
      },
    };
  });

  const head = heads[0];
  return {
    agency: { id: agency.id, code: agency.code, name: agency.name },
    head: head ? { userId: head.userId, displayName: head.user.displayName, title: head.title } : null,
    year,
    programmes,
    leaders,
  };
}

/**
 * The agencies a reader may follow: every one for the Board's leadership and the auditor, their own for a head; and
 * every one for the administrator, who enters them and their members (their names only: not their monitoring).
 */
export async function agenciesFollowedBy(
  prisma: Prisma,
  reader: AgencyReader,
  today: IsoDay = dayOf(Date.now()),
): Promise<AgencySummary[]> {
  const rows = await prisma.agency.findMany({
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      members: { select: { userId: true, isHead: true, from: true, until: true } },
    },
  });
  return rows
    .map((a) => ({ ...a, members: a.members.filter((m) => holdsOn(m, today)) }))
    .filter(
      (a) =>
        reader.roles.includes('ADMINISTRATOR') ||
        mayFollowAgency(
          reader,
          a.members.filter((m) => m.isHead).map((m) => m.userId),
        ),
    )
    .map((a) => ({ id: a.id, code: a.code, name: a.name, leaders: a.members.length }));
}
