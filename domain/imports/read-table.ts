/**
 * A file's records, read within the import's bounds: CSV text, or an .xlsx workbook's first sheet (dates as days, the
 * rest as written). Synchronous work on untrusted bytes: it runs in the reading thread (read-worker.ts), never on the
 * service's event loop.
 */
import { readSheet } from 'read-excel-file/node';
import { boundedWorkbook } from './bounded-zip';
import { csvRecords } from './csv';
import { count, ReadFaultError, tooLarge, unreadable } from './faults';
import type { ImportLimits } from './limits';
import type { TableRecord } from './table';

export type ReadBounds = Pick<ImportLimits, 'rows' | 'inflatedBytes' | 'zipEntries'>;

/** A cell as text: an Excel date as its day (the sheet's dates carry no time zone), others as written. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

const tooManyRows = (limit: number) =>
  tooLarge(
    'ROW_LIMIT',
    limit,
    `The file has more than ${count(limit)} rows, the limit of a file: split it into several files`,
  );

async function sheetRecords(content: Buffer, bounds: ReadBounds): Promise<TableRecord[]> {
  let sheet: unknown[][];
  try {
    sheet = (await readSheet(boundedWorkbook(content, bounds))) as unknown[][];
  } catch (error) {
    if (error instanceof ReadFaultError && error.fault.kind === 'TOO_LARGE') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw unreadable(`The file is not a readable .xlsx workbook (${reason})`);
  }
  const records = sheet
    .map((cells, index) => ({ line: index + 1, fields: cells.map(cellText) }))
    .filter(({ fields }) => fields.some((field) => field !== ''));
  if (records.length > bounds.rows + 1) throw tooManyRows(bounds.rows);
  return records;
}

/** The file's records, the first naming the columns; throws {@link ReadFaultError} past a bound or when unreadable. */
export async function readTable(content: string | Buffer, bounds: ReadBounds): Promise<TableRecord[]> {
  if (typeof content !== 'string') return sheetRecords(content, bounds);
  // The header and one row past the limit are enough to know the file is too long.
  const records = csvRecords(content, bounds.rows + 2);
  if (records.length > bounds.rows + 1) throw tooManyRows(bounds.rows);
  return records;
}
