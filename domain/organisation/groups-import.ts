/**
 * Monitoring groups from a file (CSV, or an .xlsx workbook's first sheet), one line per member. The first line names
 * the columns, in any order, case-insensitively:
 *
 *   group      the group's name; the lines of one group share it
 *   official   the member's code (CB-012)
 *   role       LEADER or MEMBER, or as Vietnamese writes it (trưởng nhóm, thành viên)
 *   since      the day the group was formed, YYYY-MM-DD; the same on every line of a group
 *
 * The coded import's pipeline (domain/imports/coded-records.ts): every line checked first, one bad line refuses the
 * file (422 IMPORT_REFUSED, each problem with its line, column, rule), then each new group formed in one transaction
 * with its audit row (GROUP_FORMED, as when formed by hand). Exactly one leader per group; every member with the
 * Board on the day; a group whose name is on record is reported as already present, so the same file writes nothing.
 */
import { DaySchema } from '../../machines/day';
import type { Caller } from '../caller';
import { inChunks } from '../imports/chunks';
import { type CheckedRow, type CodedImportResult, idFromCode, importCodedRecords } from '../imports/coded-records';
import { type ImportProblem, refuseImport, type TableRow } from '../imports/table';
import { changeEntry, type Db } from './audit';
import { dayDate, servingOn, today } from './periods';

export const GROUP_COLUMNS = ['group', 'official', 'role', 'since'] as const;
type Column = (typeof GROUP_COLUMNS)[number];
const SPEC = { columns: GROUP_COLUMNS, required: GROUP_COLUMNS, noun: 'group member' };

const ROLE_WORDS: Record<string, 'LEADER' | 'MEMBER'> = {
  leader: 'LEADER',
  member: 'MEMBER',
  'trưởng nhóm': 'LEADER',
  'nhóm trưởng': 'LEADER',
  'thành viên': 'MEMBER',
};
const roleOf = (text: string) => ROLE_WORDS[text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()] ?? null;

interface GroupRecord {
  code: string;
  since: string;
  leaderId: string;
  memberIds: string[];
}

export function importGroups(
  db: Db,
  caller: Caller,
  upload: { file: string; content: string | Buffer },
): Promise<CodedImportResult> {
  return importCodedRecords(db, upload, {
    spec: SPEC,
    check: checkGroups,
    write: ({ id, line, form }) => ({
      entry: changeEntry(caller, {
        changeId: id,
        action: 'GROUP_FORMED',
        entityType: 'MonitoringGroup',
        entityId: id,
        payload: {
          name: form.code,
          since: form.since,
          leaderId: form.leaderId,
          memberIds: form.memberIds,
          file: upload.file,
          line,
        },
      }),
      write: async (tx) => {
        const since = dayDate(form.since);
        await tx.monitoringGroup.create({ data: { id, name: form.code } });
        await tx.groupMembership.createMany({
          data: [
            { groupId: id, officialId: form.leaderId, isLeader: true, since },
            ...form.memberIds.map((officialId) => ({ groupId: id, officialId, isLeader: false, since })),
          ],
        });
      },
    }),
  });
}

async function checkGroups(db: Db, rows: TableRow<Column>[]): Promise<CheckedRow<GroupRecord>[]> {
  const problems: ImportProblem[] = [];
  const problem = (line: number, column: Column, rule: string, message: string) =>
    problems.push({ line, column, rule, message });
  const [officials, groups] = await Promise.all([
    inChunks([...new Set(rows.map((r) => r.official).filter(Boolean))], (codes) =>
      db.prisma.official.findMany({
        where: { code: { in: codes } },
        select: { id: true, code: true, activeFrom: true, activeUntil: true },
      }),
    ),
    inChunks([...new Set(rows.map((r) => r.group).filter(Boolean))], (names) =>
      db.prisma.monitoringGroup.findMany({ where: { name: { in: names } }, select: { id: true, name: true } }),
    ),
  ]);
  const byGroup = new Map<string, { line: number; since: string; leaders: string[]; members: string[] }>();
  const seen = new Map<string, number>();
  for (const row of rows) {
    const before = problems.length;
    for (const column of SPEC.required)
      if (!row[column]) problem(row.line, column, 'REQUIRED', `"${column}" is required`);
    if (problems.length > before) continue;
    const key = `${row.group}\u0000${row.official}`;
    const earlier = seen.get(key);
    if (earlier)
      problem(row.line, 'official', 'DUPLICATE_ROW', `Line ${earlier} names ${row.official} in ${row.group} too`);
    seen.set(key, row.line);
    const role = roleOf(row.role);
    if (!role) problem(row.line, 'role', 'UNKNOWN_ROLE', `"${row.role}" is not a role; the roles are LEADER, MEMBER`);
    const group = byGroup.get(row.group) ?? { line: row.line, since: row.since, leaders: [], members: [] };
    if (!DaySchema.safeParse(row.since).success)
      problem(row.line, 'since', 'INVALID_DATE', `"${row.since}" is not a day, YYYY-MM-DD`);
    else if (row.since > today())
      problem(row.line, 'since', 'EFFECTIVE_IN_FUTURE', `${row.since} is after today: a group is entered once formed`);
    else if (row.since !== group.since)
      problem(row.line, 'since', 'GROUP_DAY_DIFFERS', `Line ${group.line} forms ${row.group} on ${group.since}`);
    const official = officials.find((o) => o.code === row.official);
    if (!official) problem(row.line, 'official', 'UNKNOWN_OFFICIAL', `No official ${row.official}`);
    else if (DaySchema.safeParse(row.since).success && !servingOn(dayDate(row.since), official))
      problem(row.line, 'official', 'OFFICIAL_NOT_ACTIVE', `${row.official} is not with the Board on ${row.since}`);
    if (problems.length > before || !official || !role) continue;
    (role === 'LEADER' ? group.leaders : group.members).push(official.id);
    byGroup.set(row.group, group);
  }
  const out: CheckedRow<GroupRecord>[] = [];
  for (const [name, group] of byGroup) {
    if (group.leaders.length !== 1) {
      problem(
        group.line,
        'role',
        group.leaders.length === 0 ? 'GROUP_WITHOUT_LEADER' : 'GROUP_LEADERS',
        `${name} needs exactly one LEADER line; the file has ${group.leaders.length}`,
      );
      continue;
    }
    const onRecord = groups.find((g) => g.name === name);
    out.push({
      line: group.line,
      id: onRecord?.id ?? idFromCode('group', name),
      present: !!onRecord,
      form: { code: name, since: group.since, leaderId: group.leaders[0]!, memberIds: group.members },
    });
  }
  if (problems.length > 0) throw refuseImport(problems);
  return out;
}
