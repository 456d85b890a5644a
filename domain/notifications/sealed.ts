/**
 * Which of the outbox's deliveries a reader may not even know of: the notice of a report on a sensitive matter
 * (Đ7.A.4), which goes to the Head of Board alone, is a trace of that report, and the report's own rule
 * (filingVisibility, machines/access.ts) decides who may see it exists. A notice carries no text, so whoever may see
 * the report's metadata (the auditor) may see its delivery; whoever may not (the administrator who runs the outbox)
 * does not see the row at all: a row shown masked would itself say "a sensitive report was sent then, to the Head".
 * Other notices are about records whose existence is no secret, and show as they are.
 */
import { type FilingReader, filingVisibility } from '../../machines/access';
import { DEFAULT_POLICY } from '../../machines/policy';
import type { PrismaClient } from '../../prisma/database';
import { AD_HOC_TEMPLATE } from '../reports/writes';

interface DeliveryRow {
  id: string;
  template: string;
  outbox: { payload: unknown };
}

const reportIdOf = (payload: unknown): string | null => {
  const id = (payload as { reportId?: unknown } | null)?.reportId;
  return typeof id === 'string' ? id : null;
};

/** The ids of the rows the reader may not know of. */
export async function sealedDeliveries(
  prisma: PrismaClient,
  reader: FilingReader,
  rows: readonly DeliveryRow[],
): Promise<Set<string>> {
  const reportIds = [
    ...new Set(rows.filter((r) => r.template === AD_HOC_TEMPLATE).flatMap((r) => reportIdOf(r.outbox.payload) ?? [])),
  ];
  if (reportIds.length === 0) return new Set();
  const reports = await prisma.adHocReport.findMany({
    where: { id: { in: reportIds }, sensitive: true },
    select: { id: true, sensitive: true, filedById: true, assignment: { select: { officialId: true, groupId: true } } },
  });
  const hidden = new Set(
    reports
      .filter(
        (report) =>
          filingVisibility(
            reader,
            { ...report.assignment, filedById: report.filedById, sensitive: report.sensitive },
            DEFAULT_POLICY.reports,
          ) === null,
      )
      .map((report) => report.id),
  );
  return new Set(
    rows
      .filter((r) => r.template === AD_HOC_TEMPLATE && hidden.has(reportIdOf(r.outbox.payload) ?? ''))
      .map((r) => r.id),
  );
}
