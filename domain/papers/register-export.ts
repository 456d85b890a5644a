/**
 * The register of written decisions as a workbook (.xlsx): the same entries, order and filters as GET /decisions, every
 * page at once up to a bound, each text cell neutralised against formulas.
 */
import writeXlsxFile from 'write-excel-file/node';
import { neutralised } from '../../machines/papers/spreadsheet';
import type { PrismaClient } from '../../prisma/database';
import { Refusal } from '../refusal';

/** More rows than this are refused (413): a register this large is exported a register or a year at a time. */
export const REGISTER_EXPORT_MAX_ROWS = 20_000;

const HEADER = [
  'Số',
  'Sổ',
  'Năm',
  'Kỳ đánh số từ',
  'Ngày ban hành',
  'Loại',
  'Trích yếu',
  'Người ký',
  'Phân công',
  'Trạng thái',
];

export async function registerWorkbook(
  prisma: PrismaClient,
  { register, year }: { register?: string | undefined; year?: number | undefined },
): Promise<{ workbook: Buffer; ids: string[] }> {
  const rows = await prisma.decision.findMany({
    where: { ...(register && { register }), ...(year && { year }) },
    orderBy: [{ year: 'desc' }, { register: 'asc' }, { sequence: 'desc' }, { id: 'desc' }],
    take: REGISTER_EXPORT_MAX_ROWS + 1,
    select: {
      id: true,
      number: true,
      register: true,
      year: true,
      periodStart: true,
      issuedOn: true,
      kind: true,
      summary: true,
      heldByAssignmentId: true,
      reservedAt: true,
      signer: { select: { fullName: true } },
    },
  });
  if (rows.length > REGISTER_EXPORT_MAX_ROWS)
    throw new Refusal(
      413,
      'EXPORT_TOO_LARGE',
      `The export is limited to ${REGISTER_EXPORT_MAX_ROWS} rows: filter by register or year`,
      {
        rule: 'EXPORT_TOO_LARGE',
        limit: REGISTER_EXPORT_MAX_ROWS,
      },
    );
  const text = (value: string | null) => ({ value: value === null ? null : neutralised(value), type: String });
  const data = [
    HEADER.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((row) => [
      text(row.number),
      text(row.register),
      { value: row.year, type: Number },
      text(row.periodStart),
      text(row.issuedOn.toISOString().slice(0, 10)),
      text(row.kind),
      text(row.summary),
      text(row.signer.fullName),
      text(row.heldByAssignmentId),
      text(row.reservedAt ? 'RESERVED' : 'ISSUED'),
    ]),
  ];
  const workbook = await writeXlsxFile(data as never, { sheet: 'Sổ quyết định' }).toBuffer();
  return { workbook: Buffer.from(workbook), ids: rows.map((r) => r.id) };
}
