/**
 * An import of records that each carry their own code (people, areas): read within the import bounds, every line
 * checked before anything is written (one bad line refuses the file), then every new record written in one
 * transaction with its audit row. A line whose code is on record already is reported as present, so the same file
 * imported again writes nothing.
 */
import { createHash } from 'node:crypto';
import { dayOf } from '../../machines/calendar';
import { type AuditedWrite, recordAllOnce, type Tx } from '../audit/log';
import type { Db } from '../organisation/audit';
import { readImportFile } from './read-file';
import { refuseImport, rowsFromRecords, type TableRow, type TableSpec } from './table';

/** A record's id derived from its code, so a retried import names the same rows. */
export const idFromCode = (prefix: string, code: string) =>
  `${prefix}-${createHash('sha256').update(code).digest('hex').slice(0, 20)}`;

export interface CheckedRow<Form> {
  line: number;
  id: string;
  form: Form;
  present: boolean;
}

export interface CodedImportResult {
  file: string;
  importedOn: string;
  created: { line: number; id: string; code: string }[];
  alreadyPresent: { line: number; id: string; code: string }[];
}

export async function importCodedRecords<Column extends string, Form extends { code: string }>(
  db: Db,
  { file, content }: { file: string; content: string | Buffer },
  how: {
    spec: TableSpec<Column>;
    /** Every line's checks; throws the file's refusal when any line fails one. */
    check(db: Db, rows: TableRow<Column>[]): Promise<CheckedRow<Form>[]>;
    /** The audit row and the write of one new record. */
    write(row: CheckedRow<Form>): { entry: AuditedWrite['entry']; write(tx: Tx): Promise<void> };
  },
): Promise<CodedImportResult> {
  const { rows, problems } = rowsFromRecords(await readImportFile(content), how.spec);
  if (problems.length > 0) throw refuseImport(problems);
  const checked = await how.check(db, rows);
  const fresh = checked.filter((row) => !row.present);
  const outcomes = fresh.length > 0 ? await recordAllOnce(db, fresh.map(how.write)) : [];
  // A line another request of the same file wrote a moment before (its audit row on record) is present, not created.
  const created = new Set(fresh.filter((_, i) => outcomes[i] === 'written'));
  const result: CodedImportResult = { file, importedOn: dayOf(Date.now()), created: [], alreadyPresent: [] };
  for (const row of checked)
    (created.has(row) ? result.created : result.alreadyPresent).push({
      line: row.line,
      id: row.id,
      code: row.form.code,
    });
  return result;
}
