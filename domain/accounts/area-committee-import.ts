/**
 * The area committees' users from a file (CSV, or an .xlsx workbook's first sheet), a line per person. The first line
 * names the columns, in any order, case-insensitively:
 *
 *   area        the area's code (or its official code)
 *   username    the login: 3 to 50 lower-case letters, digits, dots, underscores or hyphens
 *   full_name   the person's name, as the account shows it
 *   email       optional: where their notifications go
 *
 * Each account is made as the administrator's creation makes one (writes.ts): the role AREA_COMMITTEE alone, bound to
 * its area, a one-time password answered once (stored only as its Argon2id hash) that must be changed at first login,
 * an ACCOUNT_CREATED audit row without the password. The coded import's pipeline (domain/imports/coded-records.ts):
 * every line checked first, one bad line refuses the file (422 IMPORT_REFUSED with line, column, rule), then every
 * account written in one transaction. A username already on record for the same area's committee is reported as
 * already present (no new password: a reset gives one), so the same file again writes nothing.
 */
import { USERNAME_PATTERN } from '../../machines/accounts';
import type { Database } from '../../prisma/database';
import { hashPassword } from '../../prisma/password';
import type { Caller } from '../caller';
import { inChunks } from '../imports/chunks';
import { type CheckedRow, idFromCode, importCodedRecords } from '../imports/coded-records';
import { type ImportProblem, refuseImport, type TableRow } from '../imports/table';
import { oneTimePassword } from './one-time-password';
import { ACCOUNT_CREATED } from './writes';

type Db = Pick<Database, 'prisma' | 'provider'>;

export const AREA_COMMITTEE_COLUMNS = ['area', 'username', 'full_name', 'email'] as const;
type Column = (typeof AREA_COMMITTEE_COLUMNS)[number];
const SPEC = {
  columns: AREA_COMMITTEE_COLUMNS,
  required: ['area', 'username', 'full_name'] as const,
  noun: 'user',
};
/** Each new account hashes its password (Argon2id, 19 MiB): a file of a province's committees, not of a country's. */
export const MAX_ACCOUNTS_PER_FILE = 500;
const MAX_NAME = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface CommitteeUser {
  code: string;
  areaId: string;
  areaCode: string;
  displayName: string;
  email: string | null;
  password: string;
  passwordHash: string;
}

export interface NewCommitteeAccount {
  line: number;
  id: string;
  username: string;
  area: string;
  oneTimePassword: string;
}

export async function importAreaCommitteeUsers(
  db: Db,
  caller: Caller,
  upload: { file: string; content: string | Buffer },
) {
  const accounts: NewCommitteeAccount[] = [];
  const result = await importCodedRecords(db, upload, {
    spec: SPEC,
    check: checkUsers,
    write: ({ id, line, form }) => {
      accounts.push({ line, id, username: form.code, area: form.areaCode, oneTimePassword: form.password });
      return {
        entry: {
          idempotencyKey: `account-created:${id}`,
          at: new Date().toISOString(),
          actorId: caller.actor.id,
          action: ACCOUNT_CREATED,
          entityType: 'User',
          entityId: id,
          payload: {
            userId: caller.userId,
            username: form.code,
            roles: ['AREA_COMMITTEE'],
            officialId: null,
            areaId: form.areaId,
            file: upload.file,
            line,
          },
        },
        write: async (tx) => {
          await tx.user.create({
            data: {
              id,
              username: form.code,
              displayName: form.displayName,
              passwordHash: form.passwordHash,
              mustChangePassword: true,
              areaId: form.areaId,
              email: form.email,
              roles: { create: [{ role: 'AREA_COMMITTEE' }] },
            },
          });
        },
      };
    },
  });
  // Only the accounts this request wrote: a password another request's write kept out is in force nowhere.
  const written = new Set(result.created.map((row) => row.id));
  return { ...result, accounts: accounts.filter((a) => written.has(a.id)) };
}

async function checkUsers(db: Db, rows: TableRow<Column>[]): Promise<CheckedRow<CommitteeUser>[]> {
  const problems: ImportProblem[] = [];
  const problem = (line: number, column: Column | undefined, rule: string, message: string) =>
    problems.push({ line, column, rule, message });
  if (rows.length > MAX_ACCOUNTS_PER_FILE)
    throw refuseImport([
      {
        line: rows[MAX_ACCOUNTS_PER_FILE]!.line,
        rule: 'TOO_MANY_ACCOUNTS',
        message: `A file creates at most ${MAX_ACCOUNTS_PER_FILE} accounts; split it`,
      },
    ]);
  const [areas, users] = await Promise.all([
    inChunks([...new Set(rows.map((r) => r.area).filter(Boolean))], (codes) =>
      db.prisma.area.findMany({
        where: { OR: [{ code: { in: codes } }, { officialCode: { in: codes } }] },
        select: { id: true, code: true, officialCode: true, validUntil: true },
      }),
    ),
    inChunks([...new Set(rows.map((r) => r.username.toLowerCase()).filter(Boolean))], (names) =>
      db.prisma.user.findMany({
        where: { username: { in: names } },
        select: { id: true, username: true, areaId: true, roles: { select: { role: true } } },
      }),
    ),
  ]);
  const areaOf = (code: string) => areas.find((a) => a.code === code) ?? areas.find((a) => a.officialCode === code);
  const seen = new Map<string, number>();
  const checked: (Omit<CheckedRow<CommitteeUser>, 'form'> & {
    form: Omit<CommitteeUser, 'password' | 'passwordHash'>;
  })[] = [];
  for (const row of rows) {
    const before = problems.length;
    for (const column of SPEC.required)
      if (!row[column]) problem(row.line, column, 'REQUIRED', `"${column}" is required`);
    if (problems.length > before) continue;
    const username = row.username.toLowerCase();
    if (!USERNAME_PATTERN.test(username))
      problem(
        row.line,
        'username',
        'INVALID_USERNAME',
        `"${row.username}" is not a username: 3 to 50 lower-case letters, digits, dots, underscores or hyphens`,
      );
    const earlier = seen.get(username);
    if (earlier) problem(row.line, 'username', 'DUPLICATE_ROW', `Line ${earlier} has the username ${username} too`);
    seen.set(username, row.line);
    if (row.full_name.length > MAX_NAME)
      problem(row.line, 'full_name', 'TOO_LONG', `A name has at most ${MAX_NAME} characters`);
    if (row.email && (row.email.length > 200 || !EMAIL.test(row.email)))
      problem(row.line, 'email', 'INVALID_EMAIL', `"${row.email}" is not an e-mail address`);
    const area = areaOf(row.area);
    if (!area) problem(row.line, 'area', 'UNKNOWN_AREA', `No area ${row.area}`);
    const onRecord = users.find((u) => u.username === username);
    const sameCommittee =
      !!onRecord && !!area && onRecord.areaId === area.id && onRecord.roles.some((r) => r.role === 'AREA_COMMITTEE');
    if (onRecord && !sameCommittee)
      problem(row.line, 'username', 'USERNAME_TAKEN', `The username ${username} is another account's`);
    if (problems.length > before || !area) continue;
    checked.push({
      line: row.line,
      id: onRecord?.id ?? idFromCode('user', username),
      present: sameCommittee,
      form: {
        code: username,
        areaId: area.id,
        areaCode: area.code,
        displayName: row.full_name,
        email: row.email ? row.email.toLowerCase() : null,
      },
    });
  }
  if (problems.length > 0) throw refuseImport(problems);
  // Only once every line is sound: a password for each new account, hashed one after another off the event loop.
  const out: CheckedRow<CommitteeUser>[] = [];
  for (const row of checked) {
    const password = row.present ? '' : oneTimePassword();
    out.push({
      ...row,
      form: { ...row.form, password, passwordHash: row.present ? '' : await hashPassword(password) },
    });
  }
  return out;
}
