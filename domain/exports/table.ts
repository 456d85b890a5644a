/**
 * A list as a file: a table (a header and rows of cells) written as an Excel workbook (.xlsx, write-excel-file) or as
 * CSV (RFC 4180: fields quoted when they hold a comma, a quote or a line break, quotes doubled, lines ended by CRLF;
 * UTF-8 with a byte order mark, so that Excel opens the diacritics).
 *
 * A text cell a spreadsheet would read as a formula (starting with "=", "+", "-", "@", a tab or a carriage return) is
 * written with a leading apostrophe, in both formats (OWASP's "CSV injection" advice: the apostrophe makes the cell
 * text; Excel shows it without the apostrophe in the workbook). Numbers stay numbers: only text is neutralised, so a
 * negative count is not turned into text.
 */
import writeXlsxFile from 'write-excel-file/node';
import { neutralised } from '../../machines/papers/spreadsheet';
import { Refusal } from '../refusal';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type Cell = string | number | boolean | null;

export interface Table {
  /** The workbook's sheet name (at most 31 characters, no []:*?/\). */
  sheet: string;
  header: string[];
  rows: Cell[][];
}

/** More rows than this are refused (413 EXPORT_TOO_LARGE): a list this long is exported a filter at a time. */
export const EXPORT_MAX_ROWS = 20_000;

export const MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export const tooLarge = (): Refusal =>
  new Refusal(413, 'EXPORT_TOO_LARGE', `The export is limited to ${EXPORT_MAX_ROWS} rows: narrow the filters`, {
    rule: 'EXPORT_TOO_LARGE',
    limit: EXPORT_MAX_ROWS,
  });

/** The cell as it is written: a text neutralised against formulas, anything else as it is. */
export const safeCell = (cell: Cell): Cell => (typeof cell === 'string' ? neutralised(cell) : cell);

const csvField = (cell: Cell): string => {
  const safe = safeCell(cell);
  if (safe === null) return '';
  const text = String(safe);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const BOM = '\uFEFF';

export function toCsv(table: Table): Buffer {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(BOM + lines.map((line) => `${line}\r\n`).join(''), 'utf8');
}

const xlsxCell = (cell: Cell) => {
  const safe = safeCell(cell);
  if (safe === null) return null;
  if (typeof safe === 'number') return { value: safe, type: Number };
  if (typeof safe === 'boolean') return { value: safe, type: Boolean };
  return { value: safe, type: String };
};

const sheetData = (table: Table) => [
  table.header.map((value) => ({ value: neutralised(value), fontWeight: 'bold' as const })),
  ...table.rows.map((row) => row.map(xlsxCell)),
];

const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

export async function toXlsx(table: Table): Promise<Buffer> {
  return Buffer.from(await writeXlsxFile(sheetData(table) as never, { sheet: sheetName(table.sheet) }).toBuffer());
}

/** Several tables as the sheets of one workbook, in order. */
export async function toWorkbook(tables: Table[]): Promise<Buffer> {
  const sheets = tables.map((table) => ({ data: sheetData(table), sheet: sheetName(table.sheet) }));
  return Buffer.from(await writeXlsxFile(sheets as never).toBuffer());
}

export const writeTable = (table: Table, format: ExportFormat): Promise<Buffer> =>
  format === 'xlsx' ? toXlsx(table) : Promise.resolve(toCsv(table));
