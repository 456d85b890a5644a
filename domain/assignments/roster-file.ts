/**
 * A roster file read within the import's bounds (domain/imports/read-file.ts): CSV text (roster-csv.ts), or an Excel
 * workbook (.xlsx) as a province's personnel office keeps it, its first sheet, the first row naming the same columns,
 * a row's number its row in the sheet, dates as Excel dates or text (so neither saving as CSV nor its encoding is a
 * worry: Excel's plain CSV loses the diacritics).
 */
import { readImportFile } from '../imports/read-file';
import { refuseImport, rowsFromRecords } from '../imports/table';
import { ROSTER_TABLE, type RosterRow } from './roster-csv';

/** The roster's rows; throws 413 past the import's bounds, 422 IMPORT_REFUSED for a file that cannot be read. */
export async function readRosterFile(content: string | Buffer): Promise<RosterRow[]> {
  const { rows, problems } = rowsFromRecords(await readImportFile(content), ROSTER_TABLE);
  if (problems.length > 0) throw refuseImport(problems);
  return rows;
}
