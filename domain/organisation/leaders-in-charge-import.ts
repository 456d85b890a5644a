/**
 * Which member of Board leadership is in charge of which areas and departments (Đ2.5, Đ4.1), from a file (CSV, or an
 * .xlsx workbook's first sheet), a line per area or department. The first line names the columns, in any order,
 * case-insensitively:
 *
 *   area        the area's code (or its official code); or
 *   department  the department's code: one of the two on each line
 *   leader      the code of the official in charge (the Head or a Deputy Head of Board on that day)
 *   since       the first day in charge, YYYY-MM-DD, not after today
 *   note        optional: the decision dividing the work, for the record
 *
 * The coded import's pipeline (domain/imports/coded-records.ts): every line checked first, one bad line refuses the
 * file (422 IMPORT_REFUSED, each problem with its line, column, rule), then every change written in one transaction,
 * each with its LEADER_IN_CHARGE_SET audit row and the same periods as the route that names one at a time
 * (leaders-in-charge.ts): the period in force ends on `since`, the new one begins. A line naming the leader already in
 * charge is reported as already present, so the same file again writes nothing.
 */
import { DaySchema } from '../../machines/day';
import type { Caller } from '../caller';
import { inChunks } from '../imports/chunks';
import { type CheckedRow, type CodedImportResult, idFromCode, importCodedRecords } from '../imports/coded-records';
import { type ImportProblem, refuseImport, type TableRow } from '../imports/table';
import { changeEntry, type Db } from './audit';
import { type InChargeBefore, type InChargeOf, leadsOn, writeLeaderInCharge } from './leaders-in-charge';
import { dayDate, dayText, servingOn, today } from './periods';

export const LEADER_IN_CHARGE_COLUMNS = ['area', 'department', 'leader', 'since', 'note'] as const;
type Column = (typeof LEADER_IN_CHARGE_COLUMNS)[number];
const SPEC = { columns: LEADER_IN_CHARGE_COLUMNS, required: ['leader', 'since'] as const, noun: 'leader in charge' };
const MAX_NOTE = 2_000;

interface InChargeLine {
  /** The area's or the department's code, as the file gives it. */
  code: string;
  of: InChargeOf;
  before: InChargeBefore;
  formerLeaderId: string | null;
  leaderId: string;
  since: string;
  note: string;
}

export function importLeadersInCharge(
  db: Db,
  caller: Caller,
  upload: { file: string; content: string | Buffer },
): Promise<CodedImportResult> {
  return importCodedRecords(db, upload, {
    spec: SPEC,
    check: checkLines,
    write: ({ id, line, form }) => ({
      entry: changeEntry(caller, {
        changeId: id,
        action: 'LEADER_IN_CHARGE_SET',
        entityType: form.of.kind === 'area' ? 'Area' : 'Department',
        entityId: form.of.id,
        payload: {
          from: form.formerLeaderId,
          to: form.leaderId,
          on: form.since,
          note: form.note,
          file: upload.file,
          line,
        },
      }),
      write: (tx) => writeLeaderInCharge(tx, form.of, form.before, form.leaderId, dayDate(form.since)),
    }),
  });
}

async function checkLines(db: Db, rows: TableRow<Column>[]): Promise<CheckedRow<InChargeLine>[]> {
  const problems: ImportProblem[] = [];
  const problem = (line: number, column: Column, rule: string, message: string) =>
    problems.push({ line, column, rule, message });
  const codes = (column: Column) => [...new Set(rows.map((r) => r[column]).filter(Boolean))];
  const [areas, departments, leaders] = await Promise.all([
    inChunks(codes('area'), (chunk) =>
      db.prisma.area.findMany({
        where: { OR: [{ code: { in: chunk } }, { officialCode: { in: chunk } }] },
        select: { id: true, code: true, officialCode: true, leaderInChargeId: true, validFrom: true, validUntil: true },
      }),
    ),
    inChunks(codes('department'), (chunk) =>
      db.prisma.department.findMany({ where: { code: { in: chunk } }, select: { id: true, code: true } }),
    ),
    inChunks(codes('leader'), (chunk) =>
      db.prisma.official.findMany({
        where: { code: { in: chunk } },
        select: {
          id: true,
          code: true,
          active: true,
          position: true,
          activeFrom: true,
          activeUntil: true,
          posts: { select: { position: true, from: true, until: true } },
        },
      }),
    ),
  ]);
  const areaOf = (code: string) => areas.find((a) => a.code === code) ?? areas.find((a) => a.officialCode === code);
  const subjects = [...areas.map((a) => ({ areaId: a.id })), ...departments.map((d) => ({ departmentId: d.id }))];
  const openPeriods = await inChunks(subjects, (chunk) =>
    db.prisma.leaderInCharge.findMany({
      where: { until: null, OR: chunk },
      select: { id: true, officialId: true, from: true, areaId: true, departmentId: true },
    }),
  );

  const seen = new Map<string, number>();
  const out: CheckedRow<InChargeLine>[] = [];
  for (const row of rows) {
    const before = problems.length;
    for (const column of SPEC.required)
      if (!row[column]) problem(row.line, column, 'REQUIRED', `"${column}" is required`);
    if (!row.area === !row.department)
      problem(row.line, 'area', 'AREA_OR_DEPARTMENT', 'Name an area or a department on each line, one of the two');
    if (problems.length > before) continue;
    if (row.note.length > MAX_NOTE) problem(row.line, 'note', 'TOO_LONG', `A note has at most ${MAX_NOTE} characters`);
    const subjectColumn: Column = row.area ? 'area' : 'department';
    const code = row.area || row.department;
    const key = `${subjectColumn}\u0000${code}`;
    const earlier = seen.get(key);
    if (earlier) problem(row.line, subjectColumn, 'DUPLICATE_ROW', `Line ${earlier} names ${code} too`);
    seen.set(key, row.line);

    const validDay = DaySchema.safeParse(row.since).success;
    if (!validDay) problem(row.line, 'since', 'INVALID_DATE', `"${row.since}" is not a day, YYYY-MM-DD`);
    else if (row.since > today())
      problem(
        row.line,
        'since',
        'EFFECTIVE_IN_FUTURE',
        `${row.since} is after today: a change is entered once in effect`,
      );
    const on = validDay ? dayDate(row.since) : null;

    let of: InChargeOf | null = null;
    let legacyLeaderId: string | null = null;
    if (row.area) {
      const area = areaOf(row.area);
      if (!area) problem(row.line, 'area', 'UNKNOWN_AREA', `No area ${row.area}`);
      else {
        of = { kind: 'area', id: area.id };
        legacyLeaderId = area.leaderInChargeId;
        if (on && ((area.validFrom && area.validFrom > on) || (area.validUntil && area.validUntil < on)))
          problem(row.line, 'area', 'AREA_NOT_IN_FORCE', `${row.area} does not exist on ${row.since}`);
      }
    } else {
      const department = departments.find((d) => d.code === row.department);
      if (!department) problem(row.line, 'department', 'UNKNOWN_DEPARTMENT', `No department ${row.department}`);
      else of = { kind: 'department', id: department.id };
    }

    const leader = leaders.find((o) => o.code === row.leader);
    if (!leader) problem(row.line, 'leader', 'UNKNOWN_OFFICIAL', `No official ${row.leader}`);
    else if (!leader.active || (on && !servingOn(on, leader)))
      problem(row.line, 'leader', 'OFFICIAL_NOT_ACTIVE', `${row.leader} is not with the Board on ${row.since}`);
    else if (on && !leadsOn(on, leader.posts, leader.position))
      problem(
        row.line,
        'leader',
        'LEADER_NOT_LEADERSHIP',
        `${row.leader} is not the Head or a Deputy Head of Board on ${row.since}`,
      );

    const current = of
      ? openPeriods.find((p) => (of.kind === 'area' ? p.areaId === of.id : p.departmentId === of.id))
      : undefined;
    if (on && current?.from && current.from > on)
      problem(
        row.line,
        'since',
        'CHANGE_BEFORE_CURRENT',
        `The leader in charge of ${code} in force since ${dayText(current.from)} stays until a later day`,
      );
    if (problems.length > before || !of || !leader) continue;
    const formerLeaderId = current?.officialId ?? legacyLeaderId;
    out.push({
      line: row.line,
      id: idFromCode('in-charge', `${of.kind}:${of.id}:${leader.id}:${row.since}`),
      present: formerLeaderId === leader.id,
      form: {
        code,
        of,
        before: { current, legacyLeaderId: current ? null : legacyLeaderId },
        formerLeaderId,
        leaderId: leader.id,
        since: row.since,
        note: row.note,
      },
    });
  }
  if (problems.length > 0) throw refuseImport(problems);
  return out;
}
