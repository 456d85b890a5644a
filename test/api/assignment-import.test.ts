/**
 * Moving in: `POST /assignments/import` brings in the assignments already in force, each with its
 * original decision, over HTTP against the real workflow. Nothing before the import day is charged (no month before
 * it, no evaluation of a past year), rotation tiers count from the real start (one started 5 years ago is rotation-due
 * at once), the timeline says who imported it from which file; the same file again imports nothing new; one bad row
 * refuses the whole file, naming its line.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, addYears, dayOf } from '../../machines/calendar';
import type { AssignmentView } from '../../workflows/assignment.messages';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import writeXlsxFile from 'write-excel-file/node';

let suite: ApiSuite;
let today: string;
const call = (...args: Parameters<ApiSuite['api']['call']>) => suite.api.call(...args);

beforeAll(async () => {
  suite = await startApiSuite();
  today = dayOf(await suite.h.env.currentTimeMs());
});

afterAll(async () => {
  await suite?.close();
});

const HEADER = 'area,official,start,decision_number,decision_date,signer,group,leader';

/** Five years and a month ago: past the mandatory term (Đ4.2); three years and a month: eligible; a year ago: serving. */
const roster = () => {
  const fiveYears = addDays(addYears(today, -5), -31);
  const threeYears = addDays(addYears(today, -3), -31);
  const oneYear = addDays(addYears(today, -1), -3);
  return [
    HEADER,
    `NA-NGHILOC-NGHIPHONG,CB-021,${fiveYears},7-QĐ/BTCTU/IMPORT,${fiveYears},LD-02,,`,
    `NA-HOANGMAI,CB-022,${threeYears},8-QĐ/BTCTU/IMPORT,${threeYears},LD-03,,`,
    // One decision appointing a group: its leader and a member, to one area.
    `NA-DIENCHAU,CB-016,${oneYear},9-QĐ/BTCTU/IMPORT,${oneYear},LD-02,group-03,CB-016`,
    `NA-DIENCHAU,CB-010,${oneYear},9-QĐ/BTCTU/IMPORT,${oneYear},LD-02,group-03,CB-016`,
  ].join('\n');
};

interface Imported {
  line: number;
  assignmentId: string;
  areaId: string;
  officialId: string;
}
interface ImportAnswer {
  file: string;
  importedOn: string;
  imported: Imported[];
  alreadyImported: Imported[];
}

const importFile = (content: string, file = 'roster.csv', user: string = USERS.admin) =>
  call('POST', '/assignments/import', user, { file, content });

const viewOf = async (id: string) => {
  const response = await call('GET', `/assignments/${id}`, USERS.head);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ view: AssignmentView }>().view;
};

describe('POST /assignments/import', () => {
  let answer: ImportAnswer;
  const idOf = (line: number) => answer.imported.find((r) => r.line === line)!.assignmentId;

  beforeAll(async () => {
    const response = await importFile(roster());
    expect(response.statusCode, response.body).toBe(200);
    answer = response.json<ImportAnswer>();
  });

  it('starts one assignment per row, appointed by its original decision', async () => {
    // The import day is the API's; the time-skipping test server's clock may already be a little ahead of it.
    expect(answer.importedOn <= today).toBe(true);
    expect(answer.imported.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(answer.alreadyImported).toEqual([]);
    const decisions = await suite.h.db.prisma.decision.findMany({ where: { register: 'QĐ/BTCTU/IMPORT' } });
    expect(decisions.map((d) => d.number).sort()).toEqual([
      '7-QĐ/BTCTU/IMPORT',
      '8-QĐ/BTCTU/IMPORT',
      '9-QĐ/BTCTU/IMPORT',
    ]);
  });

  it('counts rotation tiers from the real start: 5 years ago is rotation-due at once, 3 years eligible', async () => {
    await vi.waitFor(async () => expect((await viewOf(idOf(2))).state).toBe('active.rotationDue'), {
      timeout: 30_000,
      interval: 200,
    });
    await vi.waitFor(async () => expect((await viewOf(idOf(3))).state).toBe('active.rotationEligible'), {
      timeout: 30_000,
      interval: 200,
    });
    await vi.waitFor(async () => expect((await viewOf(idOf(4))).state).toBe('active.serving'), {
      timeout: 30_000,
      interval: 200,
    });
  });

  it('charges nothing before the import: no month before its month, no evaluation of a past year', async () => {
    for (const line of [2, 3, 4]) {
      const months = await call('GET', `/assignments/${idOf(line)}/months`, USERS.head);
      expect(months.statusCode, months.body).toBe(200);
      const periods = months.json<{ months: { period: string; plan: { deadline: string | null } }[] }>().months;
      expect(periods.every((m) => m.period >= answer.importedOn.slice(0, 7))).toBe(true);
      expect(periods.some((m) => m.plan.deadline === 'MISSED')).toBe(false);
      const evaluations = await call('GET', `/assignments/${idOf(line)}/evaluations`, USERS.head);
      expect(evaluations.statusCode, evaluations.body).toBe(200);
      const years = evaluations.json<{ items: { year: number }[] }>().items.map((e) => e.year);
      expect(years.filter((y) => y < Number(answer.importedOn.slice(0, 4)))).toEqual([]);
    }
    // The months before the system read so; a plan for one of them is refused with that reason, not awaited.
    const months = await call('GET', `/assignments/${idOf(2)}/months`, USERS.head);
    const firstMonth = (await viewOf(idOf(2))).imported?.firstMonth;
    expect(firstMonth! >= answer.importedOn.slice(0, 7)).toBe(true);
    expect(months.json<{ beforeTheSystemUntil: string }>().beforeTheSystemUntil).toBe(firstMonth);
    const before = addDays(`${answer.importedOn.slice(0, 7)}-01`, -40).slice(0, 7);
    const refused = await call('POST', `/assignments/${idOf(2)}/months/${before}/plan`, 'cb021', {
      content: 'Kế hoạch tháng đã qua',
      plannedFor: `${before}-15`,
      place: 'Trụ sở Đảng ủy xã',
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'MONTH_NOT_OPEN', beforeTheSystem: true });
    const missed = await suite.h.db.prisma.deadline.count({
      where: { assignmentId: { in: answer.imported.map((r) => r.assignmentId) }, status: 'MISSED' },
    });
    expect(missed).toBe(0);
  });

  it('says in the timeline that it was imported, by whom, from which file, under its original decision', async () => {
    const response = await call('GET', `/assignments/${idOf(2)}/timeline?lang=en`, USERS.head);
    expect(response.statusCode, response.body).toBe(200);
    const events = response.json<{
      events: { action: string; actorName: string | null; decisionNumber: string | null; imported?: unknown }[];
    }>().events;
    expect(events[0]).toMatchObject({
      action: 'ASSIGNMENT_IMPORTED',
      actorName: 'Quản trị hệ thống',
      imported: { file: 'roster.csv', line: 2, importedOn: answer.importedOn },
    });
    expect(events.find((e) => e.action === 'APPOINTMENT_APPROVED')).toMatchObject({
      decisionNumber: '7-QĐ/BTCTU/IMPORT',
    });
    expect(events.filter((e) => e.action === 'TERM_ANNIVERSARY')).toHaveLength(1);
  });

  it("opens the rotation proposal at once and starts the escalation's clock from the import, not from year 5", async () => {
    const view = await viewOf(idOf(2));
    // Escalated to the Head of Board only if still undecided after the policy's interval from the import day.
    expect(view.deadlines.nextRotationEscalation).not.toBeNull();
    expect(Date.parse(view.deadlines.nextRotationEscalation!)).toBeGreaterThan(
      Date.parse(`${answer.importedOn}T23:59:59+07:00`),
    );
    const timeline = await call('GET', `/assignments/${idOf(2)}/timeline`, USERS.head);
    const actions = timeline.json<{ events: { action: string }[] }>().events.map((e) => e.action);
    expect(actions).toContain('ROTATION_DEADLINE_OPENED');
    expect(actions).not.toContain('ROTATION_DEADLINE_MISSED');
    expect(actions.some((a) => a === 'ROTATION_PROPOSED' || a === 'NO_SUCCESSOR_AVAILABLE')).toBe(true);
  });

  it('imports nothing new from the same file again (idempotent by decision number)', async () => {
    const before = await suite.h.db.prisma.assignment.count();
    const again = await importFile(roster());
    expect(again.statusCode, again.body).toBe(200);
    const second = again.json<ImportAnswer>();
    expect(second.imported).toEqual([]);
    expect(second.alreadyImported.map((r) => r.assignmentId).sort()).toEqual(
      answer.imported.map((r) => r.assignmentId).sort(),
    );
    expect(await suite.h.db.prisma.assignment.count()).toBe(before);
  });
});

describe('a file with a bad row', () => {
  it('is refused whole with 422, naming the bad line and its reason; nothing is imported', async () => {
    const start = addYears(today, -2);
    const content = [
      HEADER,
      `NA-CUALO,CB-027,${start},21-QĐ/BTCTU/IMPORT,${start},LD-02,,`,
      `NA-THAIHOA,CB-999,${start},22-QĐ/BTCTU/IMPORT,${start},LD-02,,`,
    ].join('\r\n');
    const response = await importFile(content, 'bad.csv');
    expect(response.statusCode, response.body).toBe(422);
    const error = errorOf(response);
    expect(error.code).toBe('IMPORT_REFUSED');
    expect(error.rows).toEqual([expect.objectContaining({ line: 3, column: 'official', rule: 'UNKNOWN_OFFICIAL' })]);
    const listed = await call('GET', '/assignments?areaId=area-na-cualo', USERS.head);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('lists each bad row: a decision signed by a specialist, a start after today, a second official alone', async () => {
    const start = addYears(today, -2);
    const content = [
      HEADER,
      `NA-CONCUONG,CB-027,${start},31-QĐ/BTCTU/IMPORT,${start},CB-003,,`,
      `NA-CONCUONG,CB-028,${addDays(today, 3)},32-QĐ/BTCTU/IMPORT,${addDays(today, 3)},LD-02,,`,
      `NA-NGHILOC-NGHIPHONG,CB-029,${start},33-QĐ/BTCTU/IMPORT,${start},LD-02,,`,
    ].join('\n');
    const response = await importFile(content, 'bad.csv', USERS.leader);
    expect(response.statusCode, response.body).toBe(422);
    const rows = errorOf(response).rows as { line: number; rule: string }[];
    expect(rows.map((r) => `${r.line} ${r.rule}`)).toEqual([
      '2 SIGNER_NOT_LEADERSHIP',
      '3 START_AFTER_IMPORT',
      '3 DECISION_NOT_YET_ISSUED',
      '4 AREA_ALREADY_MONITORED',
    ]);
  });

  it('is for administrators and Board leadership only', async () => {
    const response = await importFile(`${HEADER}\n`, 'x.csv', USERS.official);
    expect(response.statusCode, response.body).toBe(403);
  });
});

describe('an area given back by a proposal withdrawn', () => {
  it('is refused while the proposal awaits its decision, and imported once it is withdrawn', async () => {
    const proposal = await call('POST', '/assignments', USERS.head, {
      areaId: 'area-na-hlhpn',
      officialId: 'official-cb-019',
      effectiveFrom: today,
      reason: 'Phân công theo dõi địa bàn',
    });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const proposed = proposal.json<AssignmentView>().assignmentId;
    const start = addYears(today, -1);
    const content = [HEADER, `NA-HLHPN,CB-020,${start},61-QĐ/BTCTU/IMPORT,${start},LD-02,,`].join('\n');

    const held = await importFile(content, 'hlhpn.csv');
    expect(held.statusCode, held.body).toBe(422);
    expect(errorOf(held).rows).toEqual([
      expect.objectContaining({ line: 2, rule: 'AREA_ALREADY_MONITORED', message: expect.stringContaining(proposed) }),
    ]);

    const withdrawn = await call('POST', `/assignments/${proposed}/withdraw`, USERS.head, {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    await vi.waitFor(
      async () =>
        expect((await suite.h.db.prisma.assignment.findUniqueOrThrow({ where: { id: proposed } })).state).toBe(
          'closed',
        ),
      { timeout: 20_000, interval: 200 },
    );
    const imported = await importFile(content, 'hlhpn.csv');
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json<ImportAnswer>().imported.map((r) => `${r.areaId} ${r.officialId}`)).toEqual([
      'area-na-hlhpn official-cb-020',
    ]);
  });
});

describe('an Excel workbook (.xlsx), as the personnel office keeps the roster', () => {
  /** The roster's first sheet: dates as Excel dates, the rest as text. */
  const workbook = async (rows: (string | null)[][]) => {
    const asDate = (value: string) => ({ value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' });
    const sheet = [
      HEADER.split(',').map((value) => ({ value })),
      ...rows.map((row) =>
        row.map((value, column) => (value === null ? null : column === 2 || column === 4 ? asDate(value) : { value })),
      ),
    ];
    return (await writeXlsxFile(sheet as never).toBuffer()).toString('base64');
  };
  const importWorkbook = (contentBase64: string, file = 'roster.xlsx') =>
    call('POST', '/assignments/import', USERS.admin, { file, contentBase64 });

  it('is read from its first sheet: a bad row named by its row, then the corrected workbook imported', async () => {
    const start = addYears(today, -2);
    const good = ['NA-KBNN', 'CB-030', start, '41-QĐ/BTCTU/IMPORT', start, 'LD-02', null, null];
    const refused = await importWorkbook(
      await workbook([good, ['NA-SGDDT', 'CB-999', start, '42-QĐ/BTCTU/IMPORT', start, 'LD-02', null, null]]),
    );
    expect(refused.statusCode, refused.body).toBe(422);
    expect(errorOf(refused).rows).toEqual([
      expect.objectContaining({ line: 3, column: 'official', rule: 'UNKNOWN_OFFICIAL' }),
    ]);

    const imported = await importWorkbook(
      await workbook([good, ['NA-SGDDT', 'CB-026', start, '42-QĐ/BTCTU/IMPORT', start, 'LD-02', null, null]]),
    );
    expect(imported.statusCode, imported.body).toBe(200);
    const answer = imported.json<ImportAnswer>();
    expect(answer.file).toBe('roster.xlsx');
    expect(answer.imported.map((r) => `${r.line} ${r.areaId} ${r.officialId}`)).toEqual([
      '2 area-na-kbnn official-cb-030',
      '3 area-na-sgddt official-cb-026',
    ]);
    // The workflow writes the assignment's row as its first step.
    const record = await vi.waitFor(
      () => suite.h.db.prisma.assignment.findUniqueOrThrow({ where: { id: answer.imported[0]!.assignmentId } }),
      { timeout: 20_000, interval: 200 },
    );
    expect(dayOf(record.effectiveFrom.getTime())).toBe(start);
  });

  it('refuses a file that is not a workbook (422 naming line 1), and a body with both or neither content (400)', async () => {
    const junk = await importWorkbook(Buffer.from('not a zip at all').toString('base64'));
    expect(junk.statusCode, junk.body).toBe(422);
    expect(errorOf(junk).rows).toEqual([expect.objectContaining({ line: 1, rule: 'UNREADABLE_FILE' })]);
    const both = await call('POST', '/assignments/import', USERS.admin, {
      file: 'x.xlsx',
      content: HEADER,
      contentBase64: 'AAAA',
    });
    expect(both.statusCode, both.body).toBe(400);
    const neither = await call('POST', '/assignments/import', USERS.admin, { file: 'x.xlsx' });
    expect(neither.statusCode, neither.body).toBe(400);
  });
});
