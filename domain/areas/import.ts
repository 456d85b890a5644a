/**
 * Areas from a file (CSV, or an .xlsx workbook's first sheet). The first line names the columns, in any order:
 *
 *   code           the Board's code for the area, unique
 *   official_code  optional: the official code (2 digits for a province, 5 for a commune, ward or special zone)
 *   name           its name
 *   level          optional: PROVINCE or COMMUNE (tỉnh, xã); empty for an agency or a party committee
 *   kind           COMMUNE, WARD, SPECIAL_ZONE, PROVINCE, PROVINCIAL_AGENCY… or as Vietnamese writes it (xã, phường…)
 *   parent         optional: the parent area's code, official code or id, on record or on an earlier line
 *   valid_from     optional: the unit's first day, YYYY-MM-DD
 *
 * The roster import's pipeline and rules (domain/imports/): every line checked before anything is written, one bad
 * line refuses the file (422 IMPORT_REFUSED listing line, column, rule), then every area written in one transaction
 * with its audit row. A line whose code is on record under the same name is reported as already present.
 */
import { DaySchema } from '../../machines/day';
import type { AreaKind, AreaLevel } from '../../prisma/database';
import type { Tx } from '../audit/log';
import type { Caller } from '../caller';
import { inChunks } from '../imports/chunks';
import {
  type CheckedRow as CheckedRecord,
  type CodedImportResult,
  idFromCode,
  importCodedRecords,
} from '../imports/coded-records';
import { type ImportProblem, refuseImport, type TableRow } from '../imports/table';
import type { Db } from '../organisation/audit';
import { kindProblem, officialCodeProblem } from './rules';
import { areaEntry, type AreaForm, writeNewArea } from './writes';

export const AREA_COLUMNS = ['code', 'official_code', 'name', 'level', 'kind', 'parent', 'valid_from'] as const;
type Column = (typeof AREA_COLUMNS)[number];
const SPEC = { columns: AREA_COLUMNS, required: ['code', 'name', 'kind'] as const, noun: 'area' };

const LEVEL_WORDS: Record<string, AreaLevel> = {
  province: 'PROVINCE',
  tỉnh: 'PROVINCE',
  'cấp tỉnh': 'PROVINCE',
  commune: 'COMMUNE',
  xã: 'COMMUNE',
  'cấp xã': 'COMMUNE',
};
const KIND_WORDS: Record<string, AreaKind> = {
  xã: 'COMMUNE',
  phường: 'WARD',
  'đặc khu': 'SPECIAL_ZONE',
  'thị trấn': 'COMMUNE_TOWN',
  tỉnh: 'PROVINCE',
  'thành phố': 'CITY',
  huyện: 'DISTRICT',
  'thị xã': 'TOWN',
};
const KINDS: readonly AreaKind[] = [
  'DISTRICT',
  'TOWN',
  'CITY',
  'PROVINCIAL_AGENCY',
  'FRONT_OR_UNION',
  'DIRECT_PARTY_COMMITTEE',
  'CENTRAL_AGENCY',
  'COMMUNE',
  'WARD',
  'COMMUNE_TOWN',
  'PROVINCE',
  'SPECIAL_ZONE',
];

const words = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const kindOf = (text: string): AreaKind | null =>
  (KINDS as readonly string[]).includes(text.toUpperCase())
    ? (text.toUpperCase() as AreaKind)
    : (KIND_WORDS[words(text)] ?? null);
const levelOf = (text: string): AreaLevel | null => LEVEL_WORDS[words(text)] ?? null;

/** The area's id: derived from its code, so a retried import names the same rows. */
export const importedAreaId = (code: string) => idFromCode('area', code);

export type AreasImportResult = CodedImportResult;

export function importAreas(
  db: Db,
  caller: Caller,
  upload: { file: string; content: string | Buffer },
): Promise<AreasImportResult> {
  return importCodedRecords(db, upload, {
    spec: SPEC,
    check: checkAreas,
    write: ({ id, line, form }) => ({
      entry: areaEntry(
        caller,
        { changeId: id, action: 'AREA_CREATED', entityType: 'Area', entityId: id },
        { ...form, file: upload.file, line },
      ),
      write: (tx: Tx) => writeNewArea(tx, id, form),
    }),
  });
}

type CheckedRow = CheckedRecord<AreaForm>;

async function checkAreas(db: Db, rows: TableRow<Column>[]): Promise<CheckedRow[]> {
  const problems: ImportProblem[] = [];
  const problem = (line: number, column: Column, rule: string, message: string) =>
    problems.push({ line, column, rule, message });
  const keys = [...new Set(rows.flatMap((r) => [r.code, r.official_code, r.parent]).filter(Boolean))];
  const onRecord = await inChunks(keys, (chunk) =>
    db.prisma.area.findMany({
      where: { OR: [{ code: { in: chunk } }, { officialCode: { in: chunk } }, { id: { in: chunk } }] },
      select: { id: true, code: true, officialCode: true, name: true },
    }),
  );
  const byCode = new Map(onRecord.map((a) => [a.code, a]));
  const byOfficial = new Map(onRecord.filter((a) => a.officialCode).map((a) => [a.officialCode!, a]));
  const byId = new Map(onRecord.map((a) => [a.id, a]));
  const inFile = new Map<string, { line: number; id: string }>();
  const officialInFile = new Map<string, number>();
  const out: CheckedRow[] = [];
  for (const row of rows) {
    const before = problems.length;
    for (const column of SPEC.required)
      if (!row[column]) problem(row.line, column, 'REQUIRED', `"${column}" is required`);
    if (problems.length > before) continue;
    const earlier = inFile.get(row.code);
    if (earlier) problem(row.line, 'code', 'DUPLICATE_ROW', `Line ${earlier.line} has the code ${row.code} too`);
    const existing = byCode.get(row.code);
    if (existing && existing.name !== row.name)
      problem(row.line, 'code', 'AREA_CODE_TAKEN', `The code ${row.code} is ${existing.name}'s (${existing.id})`);
    const kind = kindOf(row.kind);
    if (!kind)
      problem(row.line, 'kind', 'UNKNOWN_KIND', `"${row.kind}" is not a kind; the kinds are ${KINDS.join(', ')}`);
    const level = row.level ? levelOf(row.level) : null;
    if (row.level && !level)
      problem(row.line, 'level', 'UNKNOWN_LEVEL', `"${row.level}" is not a level; the levels are PROVINCE, COMMUNE`);
    const officialCode = row.official_code || null;
    const codeProblem = officialCodeProblem(level, officialCode);
    if (codeProblem && (level || !row.level)) problem(row.line, 'official_code', codeProblem.rule, codeProblem.message);
    if (officialCode) {
      const holder = byOfficial.get(officialCode);
      if (holder && holder.code !== row.code)
        problem(
          row.line,
          'official_code',
          'OFFICIAL_CODE_REUSED',
          `The official code ${officialCode} is ${holder.name}'s (${holder.code}); an official code is never given to another unit`,
        );
      const sameFile = officialInFile.get(officialCode);
      if (sameFile)
        problem(
          row.line,
          'official_code',
          'OFFICIAL_CODE_REUSED',
          `Line ${sameFile} has the official code ${officialCode} too`,
        );
      officialInFile.set(officialCode, row.line);
    }
    if (kind) {
      const k = kindProblem(level, kind);
      if (k) problem(row.line, 'kind', k.rule, k.message);
    }
    let parentId: string | null = null;
    if (row.parent) {
      const parent = byCode.get(row.parent) ?? byOfficial.get(row.parent) ?? byId.get(row.parent);
      parentId = parent?.id ?? inFile.get(row.parent)?.id ?? null;
      if (!parentId)
        problem(row.line, 'parent', 'UNKNOWN_PARENT', `No area ${row.parent} on record or on an earlier line`);
    }
    if (row.valid_from && !DaySchema.safeParse(row.valid_from).success)
      problem(row.line, 'valid_from', 'INVALID_DATE', `"${row.valid_from}" is not a day, YYYY-MM-DD`);
    const id = existing?.id ?? importedAreaId(row.code);
    if (!earlier) inFile.set(row.code, { line: row.line, id });
    if (problems.length > before || !kind) continue;
    out.push({
      line: row.line,
      id,
      present: !!existing,
      form: {
        code: row.code,
        officialCode,
        name: row.name,
        level,
        kind,
        parentId,
        validFrom: row.valid_from || null,
      },
    });
  }
  if (problems.length > 0) throw refuseImport(problems);
  return out;
}
