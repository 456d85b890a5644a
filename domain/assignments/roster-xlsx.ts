/**
 * A roster as an Excel workbook (.xlsx), as a province's personnel office keeps it: its first sheet, the first row
 * naming the columns of roster-csv.ts. A row's number is its row in the sheet; dates may be Excel dates or text.
 * Saving the sheet as CSV is then not needed, nor its encoding a worry (Excel's plain CSV loses the diacritics).
 */
import { readSheet } from 'read-excel-file/node';
import { rosterFromRecords, type RosterProblem, type RosterRecord, type RosterRow } from './roster-csv';

/** A cell as the roster's text: an Excel date as its day (the sheet's dates carry no time zone), others as written. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

export async function parseRosterXlsx(content: Buffer): Promise<{ rows: RosterRow[]; problems: RosterProblem[] }> {
  let sheet: unknown[][];
  try {
    sheet = (await readSheet(content)) as unknown[][];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      rows: [],
      problems: [
        { line: 1, rule: 'UNREADABLE_FILE', message: `The file is not a readable .xlsx workbook (${reason})` },
      ],
    };
  }
  const records: RosterRecord[] = sheet
    .map((cells, index) => ({ line: index + 1, fields: cells.map(cellText) }))
    .filter(({ fields }) => fields.some((field) => field !== ''));
  return rosterFromRecords(records);
}
