/**
 * An import file as a table: its records (a CSV line, a sheet's row) with their line numbers, the rows they make under
 * the header's columns, and the refusal that lists every problem found before anything is written.
 */
import { Refusal } from '../refusal';

/** A line of the file (a row of the sheet) and its fields, as text. */
export interface TableRecord {
  line: number;
  fields: string[];
}

/** One thing wrong with a file: its line (the header is line 1), the column at fault when one is, the rule broken. */
export interface ImportProblem {
  line: number;
  column?: string | undefined;
  rule: string;
  message: string;
}

export interface TableSpec<C extends string> {
  /** The columns, named by the first record in any order, case-insensitively (spaces and dashes read as `_`). */
  columns: readonly C[];
  required: readonly C[];
  /** What a row is, for the message of a file without rows ("assignment", "official"). */
  noun: string;
}

export type TableRow<C extends string> = { line: number } & Record<C, string>;

/** The rows under the first record's column names, or the problems that keep the file from being read at all. */
export function rowsFromRecords<C extends string>(
  all: TableRecord[],
  spec: TableSpec<C>,
): { rows: TableRow<C>[]; problems: ImportProblem[] } {
  const header = all[0];
  if (!header) return { rows: [], problems: [{ line: 1, rule: 'EMPTY_FILE', message: 'The file has no header line' }] };
  const names = header.fields.map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const problems: ImportProblem[] = [];
  for (const column of spec.required) {
    if (!names.includes(column))
      problems.push({
        line: header.line,
        column,
        rule: 'MISSING_COLUMN',
        message: `The header has no "${column}" column`,
      });
  }
  names.forEach((name) => {
    if (name !== '' && !(spec.columns as readonly string[]).includes(name))
      problems.push({
        line: header.line,
        column: name,
        rule: 'UNKNOWN_COLUMN',
        message: `Unknown column "${name}"; the columns are ${spec.columns.join(', ')}`,
      });
  });
  if (problems.length > 0) return { rows: [], problems };
  const rows = all.slice(1).map(({ line, fields }) => {
    const row = { line } as TableRow<C>;
    for (const column of spec.columns) {
      const at = names.indexOf(column);
      (row as Record<string, unknown>)[column] = at >= 0 ? (fields[at] ?? '').trim() : '';
    }
    return row;
  });
  if (rows.length === 0) problems.push({ line: 2, rule: 'EMPTY_FILE', message: `The file has no ${spec.noun}` });
  return { rows, problems };
}

/** Problems named in the message itself; `rows` lists them all. */
const PROBLEMS_IN_MESSAGE = 20;

/** 422 IMPORT_REFUSED: nothing was written, `rows` lists every problem by line. */
export function refuseImport(problems: ImportProblem[]): Refusal {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const named = sorted.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `line ${p.line}: ${p.message}`);
  if (sorted.length > PROBLEMS_IN_MESSAGE) named.push(`and ${sorted.length - PROBLEMS_IN_MESSAGE} more (see rows)`);
  return new Refusal(
    422,
    'IMPORT_REFUSED',
    `Nothing was imported: ${sorted.length} problem(s) in the file, ${named.join('; ')}`,
    { rows: sorted },
  );
}
