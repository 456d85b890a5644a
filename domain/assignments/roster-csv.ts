/**
 * The roster file of assignments already in force: CSV, UTF-8 (a BOM is allowed), comma
 * separated, fields in double quotes when they hold a comma or a quote (RFC 4180). The first line names the columns,
 * in any order, case-insensitively:
 *
 *   area             the area's code (NA-NAMDAN) or id
 *   official         the monitoring official's code (CB-012) or id
 *   start            the day the assignment took effect, YYYY-MM-DD (rotation tiers count from it, Đ4.2)
 *   decision_number  the written decision's number, "<number>-<register>" (12-QĐ/BTCTU)
 *   decision_date    the day it was issued, YYYY-MM-DD
 *   signer           the code or id of the member of Board leadership who signed it
 *   group            optional: the monitoring group's id (group-01) or name, the official being one of its members
 *   leader           with a group: the code or id of its leader (Đ2.3: primarily responsible)
 *   served_from      optional: the start of the years counted for rotation when earlier than `start` (the official
 *                    kept the years served on a unit the area succeeds), YYYY-MM-DD, not after `start`
 *
 * Empty lines are skipped; a line's number is its line in the file (the header is line 1). The file is read within the
 * import's bounds by roster-file.ts.
 */
import { csvRecords } from '../imports/csv';
import { type ImportProblem, rowsFromRecords, type TableRow, type TableSpec } from '../imports/table';

export const ROSTER_COLUMNS = [
  'area',
  'official',
  'start',
  'decision_number',
  'decision_date',
  'signer',
  'group',
  'leader',
  'served_from',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

export const ROSTER_TABLE: TableSpec<RosterColumn> = {
  columns: ROSTER_COLUMNS,
  required: ['area', 'official', 'start', 'decision_number', 'decision_date', 'signer'],
  noun: 'assignment',
};

export type RosterRow = TableRow<RosterColumn>;
export type RosterProblem = ImportProblem;

/** The rows of a roster file's text, or the problems that keep it from being read at all (missing columns). */
export function parseRoster(text: string): { rows: RosterRow[]; problems: RosterProblem[] } {
  return rowsFromRecords(csvRecords(text), ROSTER_TABLE);
}
