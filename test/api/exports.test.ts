/**
 * The exports of the lists a user sees (`GET /exports/<list>.xlsx|.csv`), on the dashboard's fixture rows (dated
 * around T, read with `asOf`): each export's rows equal the list route's items for the same filters, column by column,
 * in the workbook and in the CSV; a role outside the list's rule gets 403; an export of a confidential list is an
 * audited read; a formula-looking text (a plan's content) is written with a leading apostrophe.
 */
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_EXPORTS } from '../../api/exports/lists';
import { safeCell } from '../../domain/exports/table';
import { EXPORT_LABELS } from '../../labels/exports';
import { SEEDED_USERS as U } from '../support/api-client';
import { apiReads, type Item } from '../support/api-reads';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { insertFixtures, T } from '../support/dashboard-fixtures';

let suite: ApiSuite;
const { allPages, countReads } = apiReads(() => ({ api: suite.api, h: suite.h }));

const FORMULA = '=HYPERLINK("http://example.invalid","Kế hoạch")';

beforeAll(async () => {
  suite = await startApiSuite();
  await insertFixtures(suite.h.db);
  const plan = await suite.h.db.prisma.monthlyPlan.findFirstOrThrow({
    where: { assignmentId: 'fx-a1', period: '2024-01' },
  });
  await suite.h.db.prisma.monthlyPlan.update({ where: { id: plan.id }, data: { content: FORMULA } });
}, 120_000);

afterAll(async () => {
  await suite?.close();
});

async function download(url: string, username: string) {
  const token = await suite.api.tokenOf(username);
  return suite.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

/** RFC 4180, as the export writes it (CRLF, quoted fields with doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

const listOf = (path: string) => LIST_EXPORTS.find((l) => l.path === path)!;

/** The rows the export must hold: the list's items through the export's columns. */
const expectedRows = (path: string, items: unknown[]) =>
  items.map((item) => listOf(path).columns.map(([, value]) => safeCell(value(item))));

const CASES: { path: string; list: string; filters: string; user: string; key: (item: Item) => string }[] = [
  { path: 'overdue', list: '/dashboard/overdue', filters: `asOf=${T}`, user: U.leader, key: (i) => i.id },
  {
    path: 'evaluations-outstanding',
    list: '/dashboard/evaluations-outstanding',
    filters: `asOf=${T}`,
    user: U.leader,
    key: (i) => i.id,
  },
  {
    path: 'rotations-due',
    list: '/dashboard/rotations-due',
    filters: `asOf=${T}&withinDays=3650`,
    user: U.head,
    key: (i) => String(i.assignmentId),
  },
  {
    path: 'complaints-open',
    list: '/dashboard/complaints-open',
    filters: `asOf=${T}`,
    user: U.auditor,
    key: (i) => i.id,
  },
  { path: 'areas', list: '/areas', filters: 'kind=COMMUNE', user: U.official, key: (i) => i.id },
  { path: 'decisions', list: '/decisions', filters: '', user: U.auditor, key: (i) => i.id },
  { path: 'plans', list: '/plans', filters: 'month=2024-01', user: U.leader, key: (i) => i.id },
  { path: 'reports', list: '/reports', filters: 'assignmentId=fx-a1', user: U.leader, key: (i) => i.id },
];

describe('exports of the lists', () => {
  for (const { path, list, filters, user, key } of CASES) {
    it(`${path}: the workbook's and the CSV's rows equal ${list}'s items for the same filters`, async () => {
      const { items } = await allPages<Item>(`${list}?limit=100${filters ? `&${filters}` : ''}`, user, key);
      const expected = expectedRows(path, items);
      const header = listOf(path).columns.map(([column]) => EXPORT_LABELS.vi.columns[column]);

      const xlsx = await download(`/exports/${path}.xlsx${filters ? `?${filters}` : ''}`, user);
      expect(xlsx.statusCode, xlsx.body).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="${path}.xlsx"`);
      const [head, ...rows] = (await readSheet(xlsx.rawPayload)) as unknown[][];
      expect(head).toEqual(header);
      expect(rows).toEqual(expected);

      const csv = await download(`/exports/${path}.csv${filters ? `?${filters}&` : '?'}lang=en`, user);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [csvHead, ...csvRows] = parseCsv(csv.rawPayload.toString('utf8').slice(1));
      expect(csvHead).toEqual(listOf(path).columns.map(([column]) => EXPORT_LABELS.en.columns[column]));
      expect(csvRows).toEqual(expected.map((row) => row.map((cell) => (cell === null ? '' : String(cell)))));
    });
  }

  it('the fixtures give every list something to export', async () => {
    for (const path of ['overdue', 'evaluations-outstanding', 'complaints-open', 'areas', 'plans', 'reports']) {
      const csv = await download(`/exports/${path}.csv?${CASES.find((c) => c.path === path)!.filters}`, U.head);
      expect(csv.statusCode, `${path}: ${csv.body}`).toBe(200);
      expect(parseCsv(csv.rawPayload.toString('utf8').slice(1)).length, path).toBeGreaterThan(1);
    }
  });

  it('neutralises a formula-looking plan content in the workbook and the CSV', async () => {
    const xlsx = await download('/exports/plans.xlsx?month=2024-01&officialId=official-cb-012', U.leader);
    const [head, ...rows] = (await readSheet(xlsx.rawPayload)) as unknown[][];
    const content = head!.indexOf(EXPORT_LABELS.vi.columns.content);
    expect(rows.map((row) => row[content])).toContain(`'${FORMULA}`);
    const csv = await download('/exports/plans.csv?month=2024-01&officialId=official-cb-012', U.leader);
    expect(csv.rawPayload.toString('utf8')).toContain(`"'${FORMULA.replaceAll('"', '""')}"`);
  });

  it('the year’s evaluations with their ratings, for leadership and the auditor, audited', async () => {
    const before = await countReads('AnnualEvaluation', 'export:evaluations:2021');
    const xlsx = await download('/exports/evaluations.xlsx?year=2021&officialId=official-cb-012', U.auditor);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const [head, ...rows] = (await readSheet(xlsx.rawPayload)) as unknown[][];
    expect(rows).toHaveLength(1);
    expect(rows[0]![head!.indexOf('Xếp loại')]).toBe('EXCELLENT');
    expect(rows[0]![head!.indexOf('Đề xuất xếp loại')]).toBe('GOOD');
    expect(await countReads('AnnualEvaluation', 'export:evaluations:2021')).toBe(before + 1);
  });

  it('an export of a confidential list is an audited read, as the list is', async () => {
    const before = await countReads('Complaint', 'export:complaints-open');
    expect((await download(`/exports/complaints-open.csv?asOf=${T}`, U.leader)).statusCode).toBe(200);
    expect(await countReads('Complaint', 'export:complaints-open')).toBe(before + 1);
  });

  it("refuses a role outside the list's rule (403), and a bad filter (400)", async () => {
    const refused: [string, string][] = [
      ['overdue.xlsx', U.official],
      ['evaluations-outstanding.csv', U.official],
      ['rotations-due.xlsx', U.official],
      ['complaints-open.csv', U.departmentHead],
      ['areas.xlsx', U.committee],
      ['decisions.csv', U.official],
      ['plans.xlsx', U.committee],
      ['reports.csv', U.admin],
      ['evaluations.xlsx?year=2021', U.departmentHead],
    ];
    for (const [file, user] of refused) {
      const answer = await download(`/exports/${file}`, user);
      expect(answer.statusCode, `${file} as ${user}: ${answer.body}`).toBe(403);
    }
    // A department head exports their own department only, as the list answers them.
    const other = await download('/exports/overdue.csv?departmentId=department-tcddv', U.departmentHead);
    expect(other.statusCode).toBe(403);
    expect((await download('/exports/evaluations.csv', U.leader)).statusCode).toBe(400);
    expect((await download('/exports/plans.csv?month=2024-13', U.leader)).statusCode).toBe(400);
    expect((await download('/exports/plans.csv?limit=5', U.leader)).statusCode).toBe(400);
  });
});
