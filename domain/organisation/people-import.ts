/**
 * The Board's people from a file (CSV, or an .xlsx workbook's first sheet), as its personnel office keeps them. The
 * first line names the columns, in any order, case-insensitively:
 *
 *   code         the official's code (CB-012), unique
 *   full_name    their full name
 *   position     HEAD_OF_BOARD, DEPUTY_HEAD, DEPARTMENT_HEAD, DEPUTY_DEPARTMENT_HEAD, SPECIALIST, or as Vietnamese
 *                writes it (Trưởng ban, Phó Trưởng ban, Trưởng phòng, Phó Trưởng phòng, Chuyên viên)
 *   department   optional: the department's code (or id); leadership has none
 *   email        optional
 *   active_from  the first day of service at the Board, YYYY-MM-DD
 *
 * The roster import's pipeline and rules (domain/imports/): the file read within the import bounds, every line checked
 * before anything is written, one bad line refuses the file (422 IMPORT_REFUSED, each problem with its line, column,
 * rule), then every official written in one transaction, each with its audit row. A line whose code is already on
 * record under the same name is reported as already present, so the same file imported again writes nothing.
 */
import { DaySchema } from '../../machines/day';
import type { OfficialPosition } from '../../prisma/database';
import type { Caller } from '../caller';
import { inChunks } from '../imports/chunks';
import {
  type CheckedRow as CheckedRecord,
  type CodedImportResult,
  idFromCode,
  importCodedRecords,
} from '../imports/coded-records';
import { type ImportProblem, refuseImport, type TableRow } from '../imports/table';
import { textMatcher } from '../text-match';
import { changeEntry, type Db } from './audit';
import { type OfficialForm, writeNewOfficial } from './officials';
import { today } from './periods';

export const PEOPLE_COLUMNS = ['code', 'full_name', 'position', 'department', 'email', 'active_from'] as const;
type Column = (typeof PEOPLE_COLUMNS)[number];
const SPEC = {
  columns: PEOPLE_COLUMNS,
  required: ['code', 'full_name', 'position', 'active_from'] as const,
  noun: 'official',
};

const POSITION_WORDS: Record<string, OfficialPosition> = {
  'trưởng ban': 'HEAD_OF_BOARD',
  'phó trưởng ban': 'DEPUTY_HEAD',
  'trưởng phòng': 'DEPARTMENT_HEAD',
  'phó trưởng phòng': 'DEPUTY_DEPARTMENT_HEAD',
  'chuyên viên': 'SPECIALIST',
};
const POSITIONS = new Set<string>(Object.values(POSITION_WORDS));

function positionOf(text: string): OfficialPosition | null {
  if (POSITIONS.has(text.toUpperCase())) return text.toUpperCase() as OfficialPosition;
  const words = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return POSITION_WORDS[words] ?? null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The official's id: derived from the code, so a retried import names the same rows. */
export const importedOfficialId = (code: string) => idFromCode('official', code);

export type PeopleImportResult = CodedImportResult;

export function importPeople(
  db: Db,
  caller: Caller,
  upload: { file: string; content: string | Buffer },
): Promise<PeopleImportResult> {
  return importCodedRecords(db, upload, {
    spec: SPEC,
    check: checkPeople,
    write: ({ id, line, form }) => ({
      entry: changeEntry(caller, {
        changeId: id,
        action: 'OFFICIAL_CREATED',
        entityType: 'Official',
        entityId: id,
        payload: { ...form, file: upload.file, line },
      }),
      write: (tx) => writeNewOfficial(tx, id, form),
    }),
  });
}

type CheckedRow = CheckedRecord<OfficialForm>;

async function checkPeople(db: Db, rows: TableRow<Column>[]): Promise<CheckedRow[]> {
  const problems: ImportProblem[] = [];
  const problem = (line: number, column: Column, rule: string, message: string) =>
    problems.push({ line, column, rule, message });
  const [departments, onRecord, emails, head] = await Promise.all([
    inChunks(rows.map((r) => r.department).filter(Boolean), (keys) =>
      db.prisma.department.findMany({
        where: { OR: [{ code: { in: keys } }, { id: { in: keys } }] },
        select: { id: true, code: true },
      }),
    ),
    inChunks(rows.map((r) => r.code).filter(Boolean), (codes) =>
      db.prisma.official.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, fullName: true } }),
    ),
    inChunks(rows.map((r) => r.email.toLowerCase()).filter(Boolean), (keys) =>
      db.prisma.official.findMany({ where: { email: { in: keys } }, select: { code: true, email: true } }),
    ),
    db.prisma.official.findFirst({ where: { position: 'HEAD_OF_BOARD', active: true }, select: { id: true } }),
  ]);
  const departmentOf = (key: string) => departments.find((d) => d.code === key || d.id === key);
  const emailOwner = new Map(emails.map((o) => [o.email!.toLowerCase(), o.code]));
  const codesInFile = new Map<string, number>();
  const emailsInFile = new Map<string, number>();
  let headLine: number | null = null;
  const out: CheckedRow[] = [];
  for (const row of rows) {
    const before = problems.length;
    for (const column of SPEC.required)
      if (!row[column]) problem(row.line, column, 'REQUIRED', `"${column}" is required`);
    if (problems.length > before) continue;
    const earlier = codesInFile.get(row.code);
    if (earlier) problem(row.line, 'code', 'DUPLICATE_ROW', `Line ${earlier} has the code ${row.code} too`);
    codesInFile.set(row.code, row.line);
    const existing = onRecord.find((o) => o.code === row.code);
    const sameName =
      existing && textMatcher(existing.fullName)(row.full_name) && textMatcher(row.full_name)(existing.fullName);
    if (existing && !sameName)
      problem(
        row.line,
        'code',
        'OFFICIAL_CODE_TAKEN',
        `The code ${row.code} is ${existing.fullName}'s (${existing.id})`,
      );
    const position = positionOf(row.position);
    if (!position)
      problem(
        row.line,
        'position',
        'UNKNOWN_POSITION',
        `"${row.position}" is not a position; the positions are ${[...POSITIONS].join(', ')}`,
      );
    const department = row.department ? departmentOf(row.department) : undefined;
    if (row.department && !department)
      problem(row.line, 'department', 'UNKNOWN_DEPARTMENT', `No department ${row.department}`);
    if (!DaySchema.safeParse(row.active_from).success)
      problem(row.line, 'active_from', 'INVALID_DATE', `"${row.active_from}" is not a day, YYYY-MM-DD`);
    else if (row.active_from > today())
      problem(
        row.line,
        'active_from',
        'EFFECTIVE_IN_FUTURE',
        `${row.active_from} is after today: an official is entered once in service`,
      );
    const email = row.email.toLowerCase();
    if (email) {
      if (!EMAIL.test(email)) problem(row.line, 'email', 'INVALID_EMAIL', `"${row.email}" is not an e-mail address`);
      const owner = emailOwner.get(email);
      if (owner && owner !== row.code)
        problem(row.line, 'email', 'EMAIL_TAKEN', `The e-mail ${row.email} is ${owner}'s`);
      const sameFile = emailsInFile.get(email);
      if (sameFile) problem(row.line, 'email', 'EMAIL_TAKEN', `Line ${sameFile} has the e-mail ${row.email} too`);
      emailsInFile.set(email, row.line);
    }
    if (position === 'HEAD_OF_BOARD' && !existing) {
      if (head) problem(row.line, 'position', 'HEAD_OF_BOARD_TAKEN', `The Board has its Head (${head.id})`);
      else if (headLine)
        problem(row.line, 'position', 'HEAD_OF_BOARD_TAKEN', `Line ${headLine} names the Head of Board`);
      headLine ??= row.line;
    }
    if (problems.length > before || !position) continue;
    out.push({
      line: row.line,
      id: existing?.id ?? importedOfficialId(row.code),
      present: !!existing,
      form: {
        code: row.code,
        fullName: row.full_name,
        position,
        departmentId: department?.id ?? null,
        email: email || null,
        activeFrom: row.active_from,
      },
    });
  }
  if (problems.length > 0) throw refuseImport(problems);
  return out;
}
