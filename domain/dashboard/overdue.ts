/**
 * Monthly plans and reports past their deadline and not filed by `asOf`, oldest first, with the escalation reached.
 *
 * A late filing leaves its deadline MISSED (activities/filing-records.ts: the miss stays on the official's record),
 * so "not filed" is the absence of the plan or report: checked per batch of deadlines, with bounded `in` lists,
 * on both databases.
 */
import type { Prisma, PrismaClient } from '../../prisma/database';
import { namesOn } from '../areas-history/reads';
import { iso } from '../directory/views';
import { type PageRequest, toPage } from '../pagination';
import { daysBetween } from './clock';
import { subjectSelect } from './subject';
import type { DashboardScope } from './scope';

type Kind = 'PLAN' | 'REPORT';

const SUBJECTS = { PLAN: 'MONTHLY_PLAN', REPORT: 'MONTHLY_REPORT' } as const;
const KIND_OF = { MONTHLY_PLAN: 'PLAN', MONTHLY_REPORT: 'REPORT' } as const;

/** Rows read per step while looking for unfiled deadlines. */
const OVERDUE_SCAN_BATCH = 200;

const overdueWhere = (scope: DashboardScope, asOf: Date, kinds: readonly Kind[]): Prisma.DeadlineWhereInput => ({
  subject: { in: kinds.map((k) => SUBJECTS[k]) },
  status: { in: ['OPEN', 'MISSED'] },
  dueAt: { lt: asOf },
  assignment: scope,
});

/** Deadlines past due whose filing had not come by `asOf`, in order of due date, after `after`, at most `stopAt`. */
async function scanOverdue(
  prisma: PrismaClient,
  where: Prisma.DeadlineWhereInput,
  asOf: Date,
  after: string | undefined,
  stopAt: number,
): Promise<string[]> {
  const found: string[] = [];
  for (let cursor = after; ;) {
    const batch = await prisma.deadline.findMany({
      where,
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: OVERDUE_SCAN_BATCH,
      ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      select: { id: true, assignmentId: true, subject: true, reference: true },
    });
    const filed = await filedOf(prisma, batch, asOf);
    for (const d of batch) {
      if (filed.has(`${d.subject}|${d.assignmentId}|${d.reference}`)) continue;
      found.push(d.id);
      if (found.length >= stopAt) return found;
    }
    if (batch.length < OVERDUE_SCAN_BATCH) return found;
    cursor = batch.at(-1)!.id;
  }
}

/** The plans and reports filed by `asOf` among those the deadlines ask for, as `subject|assignmentId|period` keys. */
async function filedOf(
  prisma: PrismaClient,
  deadlines: { assignmentId: string; subject: string; reference: string }[],
  asOf: Date,
): Promise<Set<string>> {
  const filter = (subject: string) => {
    const rows = deadlines.filter((d) => d.subject === subject);
    return rows.length === 0
      ? undefined
      : {
          assignmentId: { in: [...new Set(rows.map((d) => d.assignmentId))] },
          period: { in: [...new Set(rows.map((d) => d.reference))] },
          filedAt: { lte: asOf },
        };
  };
  const plans = filter('MONTHLY_PLAN');
  const reports = filter('MONTHLY_REPORT');
  const select = { assignmentId: true, period: true } as const;
  const [p, r] = await Promise.all([
    plans ? prisma.monthlyPlan.findMany({ where: plans, select }) : [],
    reports ? prisma.monthlyReport.findMany({ where: reports, select }) : [],
  ]);
  return new Set([
    ...p.map((f) => `MONTHLY_PLAN|${f.assignmentId}|${f.period}`),
    ...r.map((f) => `MONTHLY_REPORT|${f.assignmentId}|${f.period}`),
  ]);
}

export async function overduePage(
  prisma: PrismaClient,
  scope: DashboardScope,
  asOf: Date,
  query: PageRequest & { kind?: Kind | undefined },
) {
  const ids = await scanOverdue(
    prisma,
    overdueWhere(scope, asOf, query.kind ? [query.kind] : ['PLAN', 'REPORT']),
    asOf,
    query.cursor,
    query.limit + 1,
  );
  const rows = await prisma.deadline.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      subject: true,
      reference: true,
      dueAt: true,
      status: true,
      escalationLevel: true,
      assignmentId: true,
      escalations: {
        orderBy: { level: 'desc' },
        take: 1,
        select: { level: true, target: true, recipientId: true, at: true },
      },
      assignment: { select: subjectSelect },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.map((id) => byId.get(id)!);
  // A month is counted under the unit as it stood that month: its name of the time, not a later rename's.
  const monthStart = (d: (typeof ordered)[number]) => `${d.reference}-01`;
  const names = await namesOn(
    prisma,
    ordered.map((d) => ({ areaId: d.assignment.area.id, day: monthStart(d) })),
  );
  return toPage(ordered, query.limit, (d) => ({
    id: d.id,
    kind: KIND_OF[d.subject as keyof typeof KIND_OF],
    period: d.reference,
    dueAt: iso(d.dueAt),
    daysOverdue: daysBetween(d.dueAt, asOf),
    status: d.status as 'OPEN' | 'MISSED',
    escalationLevel: d.escalationLevel,
    lastEscalation: d.escalations[0] ? { ...d.escalations[0], at: iso(d.escalations[0].at) } : null,
    assignmentId: d.assignmentId,
    ...d.assignment,
    area: { ...d.assignment.area, name: names.get(`${d.assignment.area.id}|${monthStart(d)}`)! },
  }));
}

export async function countOverdue(
  prisma: PrismaClient,
  scope: DashboardScope,
  asOf: Date,
  kind: Kind,
): Promise<number> {
  const ids = await scanOverdue(prisma, overdueWhere(scope, asOf, [kind]), asOf, undefined, Infinity);
  return ids.length;
}
