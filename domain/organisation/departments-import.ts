/**
 * The Board's departments from a file (CSV, or an .xlsx workbook's first sheet), with the columns `code` and `name`.
 * The coded import's pipeline (domain/imports/coded-records.ts): every line checked first, one bad line refuses the
 * file (422 IMPORT_REFUSED, each problem with its line, column, rule), then each new department created in one
 * transaction with its audit row (DEPARTMENT_CREATED, as by hand); a code on record under the same name is reported
 * as already present, so the same file writes nothing.
 */
import type { Caller } from '../caller';
import { inChunks } from '../imports/chunks';
import { type CheckedRow, type CodedImportResult, idFromCode, importCodedRecords } from '../imports/coded-records';
import { type ImportProblem, refuseImport, type TableRow } from '../imports/table';
import { textMatcher } from '../text-match';
import { changeEntry, type Db } from './audit';
import type { DepartmentForm } from './departments';

export const DEPARTMENT_COLUMNS = ['code', 'name'] as const;
type Column = (typeof DEPARTMENT_COLUMNS)[number];
const SPEC = { columns: DEPARTMENT_COLUMNS, required: DEPARTMENT_COLUMNS, noun: 'department' };
const MAX_CODE = 50;
const MAX_NAME = 300;

export function importDepartments(
  db: Db,
  caller: Caller,
  upload: { file: string; content: string | Buffer },
): Promise<CodedImportResult> {
  return importCodedRecords(db, upload, {
    spec: SPEC,
    check: checkDepartments,
    write: ({ id, line, form }) => ({
      entry: changeEntry(caller, {
        changeId: id,
        action: 'DEPARTMENT_CREATED',
        entityType: 'Department',
        entityId: id,
        payload: { ...form, file: upload.file, line },
      }),
      write: async (tx) => {
        await tx.department.create({ data: { id, code: form.code, name: form.name } });
      },
    }),
  });
}

async function checkDepartments(db: Db, rows: TableRow<Column>[]): Promise<CheckedRow<DepartmentForm>[]> {
  const problems: ImportProblem[] = [];
  const problem = (line: number, column: Column, rule: string, message: string) =>
    problems.push({ line, column, rule, message });
  const onRecord = await inChunks([...new Set(rows.map((r) => r.code).filter(Boolean))], (codes) =>
    db.prisma.department.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, name: true } }),
  );
  const inFile = new Map<string, number>();
  const out: CheckedRow<DepartmentForm>[] = [];
  for (const row of rows) {
    const before = problems.length;
    for (const column of SPEC.required)
      if (!row[column]) problem(row.line, column, 'REQUIRED', `"${column}" is required`);
    if (problems.length > before) continue;
    if (row.code.length > MAX_CODE) problem(row.line, 'code', 'TOO_LONG', `A code has at most ${MAX_CODE} characters`);
    if (row.name.length > MAX_NAME) problem(row.line, 'name', 'TOO_LONG', `A name has at most ${MAX_NAME} characters`);
    const earlier = inFile.get(row.code);
    if (earlier) problem(row.line, 'code', 'DUPLICATE_ROW', `Line ${earlier} has the code ${row.code} too`);
    inFile.set(row.code, row.line);
    const existing = onRecord.find((d) => d.code === row.code);
    const sameName = existing && textMatcher(existing.name)(row.name) && textMatcher(row.name)(existing.name);
    if (existing && !sameName)
      problem(row.line, 'code', 'DEPARTMENT_CODE_TAKEN', `The code ${row.code} is ${existing.name}'s (${existing.id})`);
    if (problems.length > before) continue;
    out.push({
      line: row.line,
      id: existing?.id ?? idFromCode('department', row.code),
      present: !!existing,
      form: { code: row.code, name: row.name },
    });
  }
  if (problems.length > 0) throw refuseImport(problems);
  return out;
}
