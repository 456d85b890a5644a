/** The register of written decisions as leadership and the auditor read it. */
import type { Prisma, PrismaClient } from '../../prisma/database';
import { type Page, pageArgs, type PageRequest, toPage } from '../pagination';
import { type DecisionSigned, signedSummary, signedSummarySelect } from '../papers/signed-summary';

/** One decision of the register. */
export interface DecisionEntry {
  id: string;
  number: string;
  /** Null for a decision recorded before the register (or outside it). */
  register: string | null;
  year: number | null;
  /** The first day of the period its number runs in (the committee's term or the calendar year). */
  periodStart: string | null;
  sequence: number | null;
  /** YYYY-MM-DD. */
  issuedOn: string;
  kind: string;
  summary: string;
  signer: { id: string; fullName: string };
  /** The assignment whose approval took the number. */
  assignmentId: string | null;
  /** RESERVED while its approval is on its way to the workflow; ISSUED once recorded. */
  status: 'RESERVED' | 'ISSUED';
  /** Its verified signed copy ("Đã ký số"), or null while none is kept. */
  signature: DecisionSigned | null;
}

const entrySelect = {
  id: true,
  number: true,
  register: true,
  year: true,
  periodStart: true,
  sequence: true,
  issuedOn: true,
  kind: true,
  summary: true,
  heldByAssignmentId: true,
  reservedAt: true,
  signer: { select: { id: true, fullName: true } },
  signedDocument: { select: signedSummarySelect },
} as const satisfies Prisma.DecisionSelect;

type EntryRow = Prisma.DecisionGetPayload<{ select: typeof entrySelect }>;

const entry = (row: EntryRow): DecisionEntry => ({
  id: row.id,
  number: row.number,
  register: row.register,
  year: row.year,
  periodStart: row.periodStart,
  sequence: row.sequence,
  issuedOn: row.issuedOn.toISOString().slice(0, 10),
  kind: row.kind,
  summary: row.summary,
  signer: row.signer,
  assignmentId: row.heldByAssignmentId,
  status: row.reservedAt ? 'RESERVED' : 'ISSUED',
  signature: signedSummary(row.signedDocument),
});

/** The register, by register and year when given: newest number first. */
export async function registerPage(
  prisma: PrismaClient,
  { register, year, ...page }: PageRequest & { register?: string | undefined; year?: number | undefined },
): Promise<Page<DecisionEntry>> {
  const rows = await prisma.decision.findMany({
    where: { ...(register && { register }), ...(year && { year }) },
    orderBy: [{ year: 'desc' }, { register: 'asc' }, { sequence: 'desc' }, { id: 'desc' }],
    ...pageArgs(page),
    select: entrySelect,
  });
  return toPage(rows, page.limit, entry);
}
