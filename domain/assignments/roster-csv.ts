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
 *
 * Empty lines are skipped; a line's number is its line in the file (the header is line 1).
 */

export const ROSTER_COLUMNS = [
  'area',
  'official',
  'start',
  'decision_number',
  'decision_date',
  'signer',
  'group',
  'leader',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: readonly RosterColumn[] = ['area', 'official', 'start', 'decision_number', 'decision_date', 'signer'];

export type RosterRow = { line: number } & Record<RosterColumn, string>;

export interface RosterProblem {
  line: number;
  /** The column at fault, when one is. */
  column?: string | undefined;
  rule: string;
  message: string;
}

/** The file's records with their line numbers (a quoted field may span lines). */
function records(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') out.push({ line: startLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line += 1;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      startLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return out;
}

/** A line of the file (a row of the sheet) and its fields, as text. */
export interface RosterRecord {
  line: number;
  fields: string[];
}

/** The rows of a roster file, or the problems that keep it from being read at all (missing columns). */
export function parseRoster(text: string): { rows: RosterRow[]; problems: RosterProblem[] } {
  return rosterFromRecords(records(text.replace(/^\uFEFF/, '')));
}

/** The roster in a file's records, CSV's or a sheet's (roster-xlsx.ts): the first names the columns. */
export function rosterFromRecords(all: RosterRecord[]): { rows: RosterRow[]; problems: RosterProblem[] } {
  const header = all[0];
  if (!header) return { rows: [], problems: [{ line: 1, rule: 'EMPTY_FILE', message: 'The file has no header line' }] };
  const names = header.fields.map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const problems: RosterProblem[] = [];
  for (const column of REQUIRED) {
    if (!names.includes(column))
      problems.push({
        line: header.line,
        column,
        rule: 'MISSING_COLUMN',
        message: `The header has no "${column}" column`,
      });
  }
  names.forEach((name) => {
    if (name !== '' && !(ROSTER_COLUMNS as readonly string[]).includes(name))
      problems.push({
        line: header.line,
        column: name,
        rule: 'UNKNOWN_COLUMN',
        message: `Unknown column "${name}"; the columns are ${ROSTER_COLUMNS.join(', ')}`,
      });
  });
  if (problems.length > 0) return { rows: [], problems };
  const rows = all.slice(1).map(({ line, fields }) => {
    const row = { line } as RosterRow;
    for (const column of ROSTER_COLUMNS) {
      const at = names.indexOf(column);
      row[column] = at >= 0 ? (fields[at] ?? '').trim() : '';
    }
    return row;
  });
  if (rows.length === 0) problems.push({ line: 2, rule: 'EMPTY_FILE', message: 'The file has no assignment' });
  return { rows, problems };
}
