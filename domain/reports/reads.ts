/**
 * Plans and reports as a caller may read them: the month's plan and report of each assignment (driven by their
 * deadlines, so a missed one is listed too) and the ad hoc reports (Đ8.2), each shaped by what the caller sees of it
 * (machines/access.ts: filingVisibility), with leadership's acknowledgements and answers. The routes audit every read.
 *
 * A list is narrowed in the database to the assignments the caller reads and to the filters, then ordered here: the
 * order depends on the caller (the leader in charge's own areas first, then the reports nobody has acknowledged), which
 * SQL cannot sort by. The cursor is the last item's id in that order. A query reads at most LIST_BOUND rows of each kind:
 * a month of the province is a few hundred; beyond the bound, narrow by month.
 */
import { filingAssignmentsWhere, type FilingReader, filingVisibility } from '../../machines/access';
import { isBoardLeadership } from '../../machines/actor';
import { policyInForce, programmeFilter } from '../programmes/reads';
import type { Urgency } from '../../machines/reports';
import type { Prisma, PrismaClient } from '../../prisma/database';
import { ActorNames } from '../actor-names';
import type { Page, PageRequest } from '../pagination';
import { confidential, notFound, Refusal } from '../refusal';
import type {
  FilingFilters,
  FilingStatus,
  PlanItem,
  PlanListQuery,
  ReplyState,
  ReportItem,
  ReportListQuery,
} from './items';

const LIST_BOUND = 5_000;

const ASSIGNMENT_SELECT = {
  id: true,
  areaId: true,
  officialId: true,
  groupId: true,
  programmeId: true,
  area: { select: { name: true, leaderInChargeId: true } },
  official: { select: { fullName: true } },
} as const;

type AssignmentRow = Prisma.AssignmentGetPayload<{ select: typeof ASSIGNMENT_SELECT }>;

type Filters = Omit<FilingFilters, 'status'>;

/** The assignments matching the filters, within those the reader reads. */
function assignmentWhere(reader: FilingReader, f: Filters): Prisma.AssignmentWhereInput {
  const scope = filingAssignmentsWhere(reader);
  return {
    ...(scope ?? {}),
    ...(f.assignmentId && { id: f.assignmentId }),
    ...(f.areaId && { areaId: f.areaId }),
    ...(f.officialId && { officialId: f.officialId }),
    ...(f.groupId && { groupId: f.groupId }),
    ...(f.programmeId && { programmeId: f.programmeId }),
    ...(f.leaderInChargeId && { area: { leaderInChargeId: f.leaderInChargeId } }),
  };
}

function statusOf(filed: { late: boolean } | undefined, deadline: { status: string } | undefined): FilingStatus {
  if (filed) return filed.late ? 'LATE' : 'ON_TIME';
  if (deadline?.status === 'MISSED') return 'MISSED';
  if (deadline?.status === 'CANCELLED') return 'CANCELLED';
  return 'OPEN';
}

const common = (a: AssignmentRow) => ({
  assignmentId: a.id,
  area: { id: a.areaId, name: a.area.name },
  official: { id: a.officialId, name: a.official.fullName },
  groupId: a.groupId,
  leaderInChargeId: a.area.leaderInChargeId,
});

interface Monthly<Row> {
  key: string;
  assignment: AssignmentRow;
  period: string;
  deadline?: { id: string; dueAt: Date; status: string };
  row?: Row;
}

/** Each assignment's month, from its deadline and its filing (a filing without a deadline row is listed too). */
function byMonth<Row extends { id: string; assignmentId: string; period: string; assignment: AssignmentRow }>(
  deadlines: ({ id: string; assignmentId: string; reference: string; dueAt: Date; status: string } & {
    assignment: AssignmentRow;
  })[],
  rows: Row[],
): Monthly<Row>[] {
  const months = new Map<string, Monthly<Row>>();
  for (const d of deadlines) {
    months.set(`${d.assignmentId}/${d.reference}`, {
      key: d.id,
      assignment: d.assignment,
      period: d.reference,
      deadline: d,
    });
  }
  for (const row of rows) {
    const at = `${row.assignmentId}/${row.period}`;
    const month = months.get(at);
    if (month) Object.assign(month, { row, key: row.id });
    else months.set(at, { key: row.id, assignment: row.assignment, period: row.period, row });
  }
  return [...months.values()];
}

/** Orders a list for the caller, then cuts the page after `cursor`. */
function paged<Item extends { id: string; period: string; filedAt: string | null; leaderInChargeId: string | null }>(
  reader: FilingReader,
  items: Item[],
  { limit, cursor }: PageRequest,
  unread: (item: Item) => boolean = () => false,
): Page<Item> {
  const leads = isBoardLeadership(reader.actor);
  const rank = (item: Item) =>
    leads ? [item.leaderInChargeId === reader.actor.id ? 0 : 1, unread(item) ? 0 : 1] : [0, 0];
  const sorted = items
    .map((item) => ({ item, rank: rank(item) }))
    .sort(
      (a, b) =>
        a.rank[0]! - b.rank[0]! ||
        a.rank[1]! - b.rank[1]! ||
        b.item.period.localeCompare(a.item.period) ||
        (b.item.filedAt ?? '').localeCompare(a.item.filedAt ?? '') ||
        a.item.id.localeCompare(b.item.id),
    )
    .map(({ item }) => item);
  let start = 0;
  if (cursor) {
    const at = sorted.findIndex((item) => item.id === cursor);
    if (at < 0) {
      throw new Refusal(400, 'INVALID_INPUT', 'The request is invalid', {
        issues: [{ path: 'cursor', message: 'no such item in this list: start again without a cursor' }],
      });
    }
    start = at + 1;
  }
  const page = sorted.slice(start, start + limit);
  return { items: page, nextCursor: start + limit < sorted.length ? page.at(-1)!.id : null };
}

// ───────────────────────── plans ─────────────────────────

export async function plansPage(
  prisma: PrismaClient,
  reader: FilingReader,
  query: PlanListQuery,
): Promise<Page<PlanItem>> {
  if (query.programmeId) await programmeFilter(prisma, query.programmeId);
  const assignment = assignmentWhere(reader, query);
  const period = query.month ? { equals: query.month } : undefined;
  const [deadlines, plans] = await Promise.all([
    prisma.deadline.findMany({
      where: { subject: 'MONTHLY_PLAN', reference: period, assignment },
      include: { assignment: { select: ASSIGNMENT_SELECT } },
      orderBy: [{ reference: 'desc' }, { id: 'asc' }],
      take: LIST_BOUND,
    }),
    prisma.monthlyPlan.findMany({
      where: { period, assignment },
      include: { assignment: { select: ASSIGNMENT_SELECT } },
      orderBy: [{ period: 'desc' }, { id: 'asc' }],
      take: LIST_BOUND,
    }),
  ]);
  const items = byMonth(deadlines, plans)
    .map(({ key, assignment: a, period: month, deadline, row }): PlanItem => ({
      id: key,
      ...common(a),
      period: month,
      dueAt: deadline?.dueAt.toISOString() ?? null,
      status: statusOf(row, deadline),
      filedAt: row?.filedAt.toISOString() ?? null,
      filedById: row?.filedById ?? null,
      visibility: 'full',
      planId: row?.id ?? null,
      content: row?.content ?? null,
      plannedFor: row?.plannedFor?.toISOString().slice(0, 10) ?? null,
      place: row?.place ?? null,
    }))
    .filter((item) => !query.status || item.status === query.status);
  return paged(reader, items, query);
}

// ───────────────────────── reports ─────────────────────────

/** The answers and acknowledgements of the reports `ids`, looked up by report id. */
async function repliesOf(prisma: PrismaClient, names: ActorNames, ids: string[]) {
  const [acks, answers] = await Promise.all([
    prisma.reportAcknowledgement.findMany({ where: { reportId: { in: ids } }, orderBy: { acknowledgedAt: 'asc' } }),
    prisma.reportAnswer.findMany({ where: { reportId: { in: ids } }, orderBy: [{ answeredAt: 'asc' }, { id: 'asc' }] }),
  ]);
  const named = await names.of([...acks.map((a) => a.acknowledgedById), ...answers.map((a) => a.answeredById)]);
  const person = (id: string) => ({ id, name: named.get(id) ?? null });
  return (id: string) => ({
    acknowledgements: acks
      .filter((a) => a.reportId === id)
      .map((a) => ({ by: person(a.acknowledgedById), at: a.acknowledgedAt.toISOString() })),
    answers: answers
      .filter((a) => a.reportId === id)
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        text: a.text,
        dueOn: a.dueOn?.toISOString().slice(0, 10) ?? null,
        answeredBy: person(a.answeredById),
        answeredAt: a.answeredAt.toISOString(),
      })),
  });
}

const replyOf = (filed: boolean, replies: Pick<ReportItem, 'acknowledgements' | 'answers'>): ReplyState | null => {
  if (!filed) return null;
  if (replies.answers.length > 0) return 'ANSWERED';
  return replies.acknowledgements.length > 0 ? 'ACKNOWLEDGED' : 'UNREAD';
};

interface ReportContent {
  situation: string;
  results: string;
  difficulties: string | null;
  proposals: string | null;
}

const content = (row: ReportContent | undefined, full: boolean) => ({
  situation: full ? (row?.situation ?? null) : null,
  results: full ? (row?.results ?? null) : null,
  difficulties: full ? (row?.difficulties ?? null) : null,
  proposals: full ? (row?.proposals ?? null) : null,
});

type AdHocRow = Prisma.AdHocReportGetPayload<{ include: { assignment: { select: typeof ASSIGNMENT_SELECT } } }>;
type MonthlyRow = Prisma.MonthlyReportGetPayload<{ include: { assignment: { select: typeof ASSIGNMENT_SELECT } } }>;

/** The report items of these rows that the reader may see, with their replies. */
async function reportItems(
  prisma: PrismaClient,
  reader: FilingReader,
  monthly: Monthly<MonthlyRow>[],
  adHoc: AdHocRow[],
): Promise<ReportItem[]> {
  // Who reads a sensitive report's content is the Board's programme's rule in force today.
  const policy = (await policyInForce(prisma)).policy.reports;
  const names = new ActorNames(prisma);
  const replies = await repliesOf(prisma, names, [
    ...monthly.flatMap((m) => (m.row ? [m.row.id] : [])),
    ...adHoc.map((r) => r.id),
  ]);
  const none = { acknowledgements: [], answers: [] };
  const monthlyItems = monthly.flatMap(({ key, assignment: a, period, deadline, row }): ReportItem[] => {
    const visibility = filingVisibility(reader, { ...a, filedById: row?.filedById ?? null, sensitive: false }, policy);
    if (!visibility) return [];
    const replied = row ? replies(row.id) : none;
    return [
      {
        id: key,
        kind: 'MONTHLY',
        reportId: row?.id ?? null,
        ...common(a),
        period,
        dueAt: deadline?.dueAt.toISOString() ?? null,
        status: statusOf(row, deadline),
        filedAt: row?.filedAt.toISOString() ?? null,
        filedById: row?.filedById ?? null,
        visibility,
        urgency: null,
        sensitive: false,
        recipientId: null,
        ...content(row, visibility === 'full'),
        reply: replyOf(!!row, replied),
        ...replied,
      },
    ];
  });
  const adHocItems = adHoc.flatMap((row): ReportItem[] => {
    const visibility = filingVisibility(reader, { ...row.assignment, ...row }, policy);
    if (!visibility) return [];
    const replied = visibility === 'full' ? replies(row.id) : { ...replies(row.id), answers: [] };
    return [
      {
        id: row.id,
        kind: 'AD_HOC',
        reportId: row.id,
        ...common(row.assignment),
        period: row.period,
        dueAt: null,
        status: null,
        filedAt: row.filedAt.toISOString(),
        filedById: row.filedById,
        visibility,
        urgency: row.urgency as Urgency,
        sensitive: row.sensitive,
        recipientId: row.recipientId,
        ...content(row, visibility === 'full'),
        reply: replyOf(true, replied),
        ...replied,
      },
    ];
  });
  return [...adHocItems, ...monthlyItems];
}

export async function reportsPage(
  prisma: PrismaClient,
  reader: FilingReader,
  query: ReportListQuery,
): Promise<Page<ReportItem>> {
  if (query.programmeId) await programmeFilter(prisma, query.programmeId);
  const assignment = assignmentWhere(reader, query);
  const period = query.month ? { equals: query.month } : undefined;
  const monthlyWanted = query.kind !== 'AD_HOC';
  const adHocWanted = query.kind !== 'MONTHLY' && !query.status;
  const include = { assignment: { select: ASSIGNMENT_SELECT } } as const;
  const [deadlines, reports, adHoc] = await Promise.all([
    monthlyWanted
      ? prisma.deadline.findMany({
          where: { subject: 'MONTHLY_REPORT', reference: period, assignment },
          include,
          orderBy: [{ reference: 'desc' }, { id: 'asc' }],
          take: LIST_BOUND,
        })
      : [],
    monthlyWanted
      ? prisma.monthlyReport.findMany({
          where: { period, assignment },
          include,
          orderBy: [{ period: 'desc' }, { id: 'asc' }],
          take: LIST_BOUND,
        })
      : [],
    adHocWanted
      ? prisma.adHocReport.findMany({
          where: {
            period,
            // The author reads their own, whichever assignment they sent it on. (Not `OR: [{ assignment: {} }]` for
            // those who read all: Prisma matches no row by it.)
            ...(filingAssignmentsWhere(reader)
              ? { OR: [{ assignment }, { filedById: reader.actor.id }] }
              : { assignment }),
            ...(query.assignmentId && { assignmentId: query.assignmentId }),
          },
          include,
          orderBy: [{ filedAt: 'desc' }, { id: 'asc' }],
          take: LIST_BOUND,
        })
      : [],
  ]);
  const adHocMatching = adHoc.filter((r) => matches(r.assignment, query));
  const items = (await reportItems(prisma, reader, byMonth(deadlines, reports), adHocMatching)).filter(
    (item) => (!query.status || item.status === query.status) && (!query.reply || item.reply === query.reply),
  );
  return paged(reader, items, query, (item) => item.reply === 'UNREAD');
}

/** The filters on an ad hoc report found through its author rather than its assignment. */
function matches(a: AssignmentRow, f: Filters): boolean {
  return (
    (!f.areaId || a.areaId === f.areaId) &&
    (!f.officialId || a.officialId === f.officialId) &&
    (!f.groupId || a.groupId === f.groupId) &&
    (!f.programmeId || a.programmeId === f.programmeId) &&
    (!f.leaderInChargeId || a.area.leaderInChargeId === f.leaderInChargeId)
  );
}

/**
 * One report by its id, monthly or ad hoc, as the reader sees it; null when there is none, or when the reader may not
 * see it at all (the route's 403). `found` tells the two apart.
 */
export async function findReport(
  prisma: PrismaClient,
  reader: FilingReader,
  id: string,
): Promise<{ found: boolean; item: ReportItem | null }> {
  const include = { assignment: { select: ASSIGNMENT_SELECT } } as const;
  const [monthly, adHoc] = await Promise.all([
    prisma.monthlyReport.findUnique({ where: { id }, include }),
    prisma.adHocReport.findUnique({ where: { id }, include }),
  ]);
  if (!monthly && !adHoc) return { found: false, item: null };
  const deadline = monthly
    ? await prisma.deadline.findUnique({
        where: {
          assignmentId_subject_reference: {
            assignmentId: monthly.assignmentId,
            subject: 'MONTHLY_REPORT',
            reference: monthly.period,
          },
        },
      })
    : null;
  const months: Monthly<MonthlyRow>[] = monthly
    ? [
        {
          key: monthly.id,
          assignment: monthly.assignment,
          period: monthly.period,
          row: monthly,
          ...(deadline && { deadline }),
        },
      ]
    : [];
  const [item] = await reportItems(prisma, reader, months, adHoc ? [adHoc] : []);
  return { found: true, item: item ?? null };
}

/** The month's report of one assignment (filed or not), as the reader sees it. */
export async function monthReport(
  prisma: PrismaClient,
  reader: FilingReader,
  assignmentId: string,
  month: string,
): Promise<ReportItem | null> {
  const page = await reportsPage(prisma, reader, { assignmentId, month, kind: 'MONTHLY', limit: 1 });
  return page.items[0] ?? null;
}

/** The month's plan of one assignment (filed or not), as the reader sees it. */
export async function monthPlan(
  prisma: PrismaClient,
  reader: FilingReader,
  assignmentId: string,
  month: string,
): Promise<PlanItem | null> {
  const page = await plansPage(prisma, reader, { assignmentId, month, limit: 1 });
  return page.items[0] ?? null;
}

/** The reader's rights on one assignment's filings: 404 unknown, 403 none. */
export async function assertReadsFilingsOf(
  prisma: PrismaClient,
  reader: FilingReader,
  assignmentId: string,
): Promise<void> {
  const assignment = await prisma.assignment.findUnique({
    where: { id: assignmentId },
    select: { officialId: true, groupId: true },
  });
  if (!assignment) throw notFound('assignment', assignmentId);
  const filing = { ...assignment, filedById: null, sensitive: false };
  const visibility = filingVisibility(reader, filing, (await policyInForce(prisma)).policy.reports);
  if (!visibility) throw confidential(`The filings of assignment ${assignmentId}`);
}
