/**
 * The month's summary of the province, as the Board reports it upward: per area and official, the plan's and the
 * report's standing (on time, late, missed, open), the escalations their deadlines reached, and the ad hoc reports of
 * the month counted by urgency. Made from the plans' and reports' own lists (domain/reports/reads.ts, with the
 * reader's confidentiality rule), so a report on a sensitive matter is only counted, never shown, and only for who may
 * know of it.
 */
import type { FilingStatus, PlanItem, ReportItem, Urgency } from '../../contracts/reports';
import { URGENCIES } from '../../contracts/reports';
import type { PrismaClient } from '../../prisma/database';
import type { FilingReader } from '../../machines/access';
import { programmeFilter } from '../programmes/reads';
import { plansPage, reportsPage } from '../reports/reads';
import { allItems } from './pages';

export interface MonthSummaryLine {
  assignmentId: string;
  area: string;
  official: string;
  plan: FilingStatus | null;
  report: FilingStatus | null;
  escalations: number;
  adHoc: number;
}

export interface MonthSummary {
  month: string;
  lines: MonthSummaryLine[];
  plans: Record<FilingStatus, number>;
  reports: Record<FilingStatus, number>;
  escalations: number;
  adHoc: { byUrgency: Record<Urgency, number>; sensitive: number; total: number };
  /** The plans and reports the summary was made from, for the audited read. */
  readIds: string[];
}

const STATUSES: FilingStatus[] = ['ON_TIME', 'LATE', 'MISSED', 'OPEN', 'CANCELLED'];
const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The month's summary; of one programme's assignments only when `programmeId` names one (unknown: a 404). */
export async function monthSummary(
  prisma: PrismaClient,
  reader: FilingReader,
  month: string,
  programmeId?: string,
): Promise<MonthSummary> {
  const ofProgramme = programmeId
    ? new Set(
        (
          await prisma.assignment.findMany({
            where: { programmeId: await programmeFilter(prisma, programmeId) },
            select: { id: true },
          })
        ).map((a) => a.id),
      )
    : undefined;
  const kept = <T extends { assignmentId: string }>(items: T[]) =>
    ofProgramme ? items.filter((i) => ofProgramme.has(i.assignmentId)) : items;
  const [plans, monthly, adHoc, escalations] = await Promise.all([
    allItems<PlanItem>((page) => plansPage(prisma, reader, { month, ...page })).then(kept),
    allItems<ReportItem>((page) => reportsPage(prisma, reader, { month, kind: 'MONTHLY', ...page })).then(kept),
    allItems<ReportItem>((page) => reportsPage(prisma, reader, { month, kind: 'AD_HOC', ...page })).then(kept),
    prisma.escalation.findMany({
      where: { deadline: { reference: month, subject: { in: ['MONTHLY_PLAN', 'MONTHLY_REPORT'] } } },
      select: { deadline: { select: { assignmentId: true } } },
    }),
  ]);
  const lines = new Map<string, MonthSummaryLine>();
  const lineOf = (item: PlanItem | ReportItem) => {
    let line = lines.get(item.assignmentId);
    if (!line) {
      line = {
        assignmentId: item.assignmentId,
        area: item.area.name ?? item.area.id,
        official: item.official.name ?? item.official.id,
        plan: null,
        report: null,
        escalations: 0,
        adHoc: 0,
      };
      lines.set(item.assignmentId, line);
    }
    return line;
  };
  for (const plan of plans) lineOf(plan).plan = plan.status;
  for (const report of monthly) lineOf(report).report = report.status;
  for (const report of adHoc) lineOf(report).adHoc += 1;
  // Only the escalations of the assignments the reader sees in the month's lists.
  let escalationCount = 0;
  for (const e of escalations) {
    const line = lines.get(e.deadline.assignmentId);
    if (!line) continue;
    line.escalations += 1;
    escalationCount += 1;
  }
  const count = (items: (PlanItem | ReportItem)[]) => {
    const counts = zeroes(STATUSES);
    for (const item of items) if (item.status) counts[item.status] += 1;
    return counts;
  };
  const byUrgency = zeroes(URGENCIES);
  for (const report of adHoc) if (report.urgency) byUrgency[report.urgency] += 1;
  return {
    month,
    lines: [...lines.values()].sort(
      (a, b) => a.area.localeCompare(b.area, 'vi') || a.official.localeCompare(b.official, 'vi'),
    ),
    plans: count(plans),
    reports: count(monthly),
    escalations: escalationCount,
    adHoc: { byUrgency, sensitive: adHoc.filter((r) => r.sensitive).length, total: adHoc.length },
    readIds: [
      ...plans.flatMap((p) => (p.planId ? [p.planId] : [])),
      ...[...monthly, ...adHoc].flatMap((r) => (r.reportId ? [r.reportId] : [])),
    ],
  };
}
