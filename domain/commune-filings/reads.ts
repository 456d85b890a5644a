/**
 * The filings of leaders' communes under a yearly programme as the records hold them (CommuneFiling, written by each
 * link's workflow), and the checks a filing request passes before anything is sent to the workflow.
 */
import type { CommuneLinkFilings } from '../../contracts/commune-filings';
import { type CommuneFilingKindName, isPeriodOfCadence, periodsOfYear } from '../../machines/commune-filings';
import { RULE_VIOLATED } from '../../machines/rules';
import type { PrismaClient } from '../../prisma/database';
import { policyInForce, today } from '../programmes/reads';
import { notFound, Refusal } from '../refusal';

const linkSelect = {
  id: true as const,
  programmeId: true as const,
  areaId: true as const,
  from: true as const,
  until: true as const,
  programme: { select: { name: true as const } },
  area: { select: { name: true as const } },
  member: { select: { userId: true as const } },
  filings: { orderBy: [{ dueOn: 'desc' as const }, { kind: 'asc' as const }] },
};

type LinkRow = Awaited<ReturnType<typeof readLink>>;
const readLink = (prisma: PrismaClient, linkId: string) =>
  prisma.agencyLeaderArea.findUnique({ where: { id: linkId }, select: linkSelect });

/** The days a filing's row keeps (a JSON array, or null for none). */
export const fieldDaysOf = (stored: string | null): string[] => (stored ? (JSON.parse(stored) as string[]) : []);

function present(link: NonNullable<LinkRow>): CommuneLinkFilings {
  return {
    linkId: link.id,
    programmeId: link.programmeId,
    programmeName: link.programme.name,
    areaId: link.areaId,
    areaName: link.area.name,
    from: link.from,
    until: link.until,
    filings: link.filings.map((f) => ({
      kind: f.kind as CommuneLinkFilings['filings'][number]['kind'],
      period: f.period,
      dueOn: f.dueOn,
      policyVersion: f.policyVersion,
      status: f.status as CommuneLinkFilings['filings'][number]['status'],
      escalationLevel: f.escalationLevel,
      filedAt: f.filedAt?.toISOString() ?? null,
      fieldDays: fieldDaysOf(f.fieldDays),
    })),
  };
}

/** The communes the caller monitors (their own links), each with its filings. */
export async function communeLinksOf(prisma: PrismaClient, userId: string): Promise<CommuneLinkFilings[]> {
  const links = await prisma.agencyLeaderArea.findMany({
    where: { member: { userId } },
    orderBy: [{ from: 'desc' }, { id: 'asc' }],
    select: linkSelect,
  });
  return links.map(present);
}

/** One of the caller's links: 404 when there is none, 403 when another leader monitors it. */
export async function ownCommuneLink(prisma: PrismaClient, linkId: string, userId: string) {
  const link = await readLink(prisma, linkId);
  if (!link) throw notFound('commune link', linkId);
  if (link.member.userId !== userId)
    throw new Refusal(403, 'FORBIDDEN', 'Only the leader who monitors this commune reads and files its filings', {
      reason: 'NOT_THE_LINKS_LEADER',
    });
  return present(link);
}

const refuse = (rule: string, message: string, field?: string) =>
  new Refusal(422, RULE_VIOLATED, message, { rule, ...(field && { field }) });

/**
 * Whether the caller may file this filing now, decided from the records before the workflow hears of it: their own
 * link, a period of the cadence in force, a filing the link's workflow opened, not filed or closed already.
 */
export async function checkCommuneFiling(
  prisma: PrismaClient,
  {
    linkId,
    userId,
    kind,
    period,
    daysInCommune = [],
  }: {
    linkId: string;
    userId: string;
    kind: CommuneFilingKindName;
    period: string;
    /** The days the report gives at the commune (each a calendar day already: the body's schema saw to it). */
    daysInCommune?: readonly string[] | undefined;
  },
): Promise<string[]> {
  const link = await ownCommuneLink(prisma, linkId, userId);
  const { policy, label } = await policyInForce(prisma, link.programmeId, today());
  if (!policy.yearly)
    throw refuse('NO_YEARLY_CADENCE', `The version in force (${label}) of this programme has no yearly filings`);
  if (!isPeriodOfCadence(kind, period, policy.yearly.reportEveryMonths))
    throw refuse(
      'PERIOD_NOT_OF_CADENCE',
      kind === 'PERIODIC'
        ? `${period} is not a period of reports every ${policy.yearly.reportEveryMonths} months (${label})`
        : `${period} is not a year (YYYY)`,
      'period',
    );
  const filing = link.filings.find((f) => f.kind === kind && f.period === period);
  if (!filing) throw refuse('FILING_NOT_OWED', `No ${kind} filing for ${period} is open on this link`, 'period');
  if (filing.status === 'FILED' || filing.status === 'FILED_LATE')
    throw refuse('ALREADY_FILED', `The ${kind} filing for ${period} was filed already`);
  if (filing.status === 'NOT_FILED' || filing.status === 'CANCELLED')
    throw refuse('FILING_CLOSED', `The ${kind} filing for ${period} is closed`);
  return checkFieldDays(daysInCommune, {
    kind,
    period,
    everyMonths: policy.yearly.reportEveryMonths,
    link,
    today: today(),
  });
}

/** The first and last day a report covers: the year for the yearly report, else its period under the cadence. */
export function periodBounds(
  kind: CommuneFilingKindName,
  period: string,
  everyMonths: number,
): { from: string; to: string } | undefined {
  if (kind !== 'PERIODIC') return { from: `${period}-01-01`, to: `${period}-12-31` };
  return periodsOfYear(Number(period.slice(0, 4)), everyMonths).find((p) => p.period === period);
}

/**
 * The days a report gives at the commune, checked and kept unique and sorted ('đi báo việc, về báo công': a day counts
 * once a report gives it). The programme is a plan and gives none; a report gives no day after today, none outside its
 * period and none outside the link (before the leader began to monitor the commune, or after it ended).
 */
export function checkFieldDays(
  days: readonly string[],
  {
    kind,
    period,
    everyMonths,
    link,
    today: now,
  }: {
    kind: CommuneFilingKindName;
    period: string;
    everyMonths: number;
    link: { from: string; until: string | null };
    today: string;
  },
): string[] {
  const unique = [...new Set(days)].sort();
  if (unique.length === 0) return unique;
  if (kind === 'PROGRAMME')
    throw refuse(
      'FIELD_DAYS_ON_PROGRAMME',
      "The year's programme is a plan: the days at the commune are given by the periodic and yearly reports",
      'daysInCommune',
    );
  const future = unique.find((day) => day > now);
  if (future)
    throw refuse(
      'FIELD_DAY_IN_FUTURE',
      `${future} is after today (${now}): a day is reported once spent`,
      'daysInCommune',
    );
  const bounds = periodBounds(kind, period, everyMonths);
  const outside = bounds && unique.find((day) => day < bounds.from || day > bounds.to);
  if (!bounds || outside)
    throw refuse(
      'FIELD_DAY_OUTSIDE_PERIOD',
      `${outside ?? unique[0]} is outside the report's period ${period}${bounds ? ` (${bounds.from} to ${bounds.to})` : ''}`,
      'daysInCommune',
    );
  const offLink = unique.find((day) => day < link.from || (link.until !== null && day > link.until));
  if (offLink)
    throw refuse(
      'FIELD_DAY_OUTSIDE_LINK',
      `${offLink} is outside the days the leader monitors this commune (from ${link.from}${link.until ? ` to ${link.until}` : ''})`,
      'daysInCommune',
    );
  return unique;
}

type YearReport = {
  reference: string;
  dueOn: string;
  filedOn: string | null;
  status: 'OPEN' | 'ON_TIME' | 'LATE' | 'MISSING';
};

/** A day in Vietnam of an instant on record. */
const vietnamDayOf = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

const reportStatus = (status: string): YearReport['status'] | null =>
  status === 'FILED'
    ? 'ON_TIME'
    : status === 'FILED_LATE'
      ? 'LATE'
      : status === 'MISSED' || status === 'NOT_FILED'
        ? 'MISSING'
        : status === 'OPEN'
          ? 'OPEN'
          : null;

interface YearFilings {
  programmePlan?: { dueOn: string; built: boolean; filedOn: string | null };
  reports: YearReport[];
  /** The days at the commune the year's reports give, each once, sorted. */
  fieldDays: string[];
}

/**
 * A year's filings of each link, as an agency's head follows them: the year's programme (built or not, filed when),
 * its periodic and yearly reports on time, late, missing or still open, and the days at the commune those reports
 * give (a day counts once a report gives it; two reports giving it count it once). Links without a row are absent.
 */
export async function yearFilingsOfLinks(
  prisma: Pick<PrismaClient, 'communeFiling'>,
  linkIds: string[],
  year: number,
): Promise<Map<string, YearFilings>> {
  const rows = await prisma.communeFiling.findMany({
    where: { linkId: { in: linkIds }, OR: [{ period: String(year) }, { period: { startsWith: `${year}-` } }] },
    orderBy: [{ dueOn: 'asc' }, { kind: 'asc' }],
  });
  const byLink = new Map<string, YearFilings>();
  for (const row of rows) {
    const entry = byLink.get(row.linkId) ?? { reports: [], fieldDays: [] };
    byLink.set(row.linkId, entry);
    const filedOn = row.filedAt ? vietnamDayOf(row.filedAt) : null;
    const days = fieldDaysOf(row.fieldDays).filter((day) => day.startsWith(`${year}-`));
    if (days.length > 0) entry.fieldDays = [...new Set([...entry.fieldDays, ...days])].sort();
    if (row.kind === 'PROGRAMME') {
      entry.programmePlan = { dueOn: row.dueOn, built: row.status === 'FILED' || row.status === 'FILED_LATE', filedOn };
      continue;
    }
    const status = reportStatus(row.status);
    if (status) entry.reports.push({ reference: row.period, dueOn: row.dueOn, filedOn, status });
  }
  return byLink;
}
