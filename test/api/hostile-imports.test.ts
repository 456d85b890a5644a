/**
 * Imports that hostile files cannot hurt, over HTTP: a workbook that inflates far past its size (a zip bomb, honest or
 * lying about its sizes), a sheet or a CSV past the row limit, a file at the limit full of unknown codes. Each is
 * answered 413 naming the limit (or 422 listing the rows), never a 500, while `GET /healthz` keeps answering within a
 * second: the file is read in a thread of its own (domain/imports/read-file.ts).
 */
import { unzipSync, zipSync } from 'fflate';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { validateRoster } from '../../domain/assignments/import';
import type { RosterRow } from '../../domain/assignments/roster-csv';
import { IMPORT_LIMITS } from '../../domain/imports/limits';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite;
const call = (...args: Parameters<ApiSuite['api']['call']>) => suite.api.call(...args);

beforeAll(async () => {
  suite = await startApiSuite();
});

afterAll(async () => {
  await suite?.close();
});

const HEADER = 'area,official,start,decision_number,decision_date,signer,group,leader';
const SHEET = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A valid workbook whose first sheet's XML is replaced by the given rows. */
async function workbookWithSheet(rowsXml: string): Promise<Buffer> {
  const base = await writeXlsxFile([HEADER.split(',').map((value) => ({ value }))] as never).toBuffer();
  const parts = unzipSync(new Uint8Array(base));
  const sheet = Object.keys(parts).find((name) => /worksheets\/sheet1\.xml$/.test(name))!;
  parts[sheet] = new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${SHEET}"><sheetData>${rowsXml}</sheetData></worksheet>`,
  );
  return Buffer.from(zipSync(parts, { level: 9 }));
}

/** Sets the uncompressed size the zip's central directory declares for the sheet to a small lie. */
function declaringLess(zip: Buffer): Buffer {
  const lying = Buffer.from(zip);
  for (let at = 0; at + 46 <= lying.length; at += 1) {
    if (lying.readUInt32LE(at) !== 0x02014b50) continue;
    const name = lying.toString('utf8', at + 46, at + 46 + lying.readUInt16LE(at + 28));
    if (name.endsWith('worksheets/sheet1.xml')) lying.writeUInt32LE(1_000, at + 24);
  }
  return lying;
}

const importWorkbook = (zip: Buffer) =>
  call('POST', '/assignments/import', USERS.admin, { file: 'roster.xlsx', contentBase64: zip.toString('base64') });
const importCsv = (content: string) =>
  call('POST', '/assignments/import', USERS.admin, { file: 'roster.csv', content });

/** Runs the request while probing `/healthz` every 50 ms; the slowest probe's time and how many answered. */
async function whileProbing<T>(request: Promise<T>): Promise<{ answer: T; slowestMs: number; probes: number[] }> {
  let done = false;
  const times: number[] = [];
  const statuses: number[] = [];
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const health = await call('GET', '/healthz', null);
      times.push(performance.now() - started);
      statuses.push(health.statusCode);
      await sleep(50);
    }
  })();
  const answer = await request;
  done = true;
  await probing;
  return { answer, slowestMs: Math.max(...times), probes: statuses };
}

function expectTooLarge(response: { statusCode: number; body: string; json<T>(): T }, rule: string, limit: number) {
  expect(response.statusCode, response.body).toBe(413);
  expect(errorOf(response)).toMatchObject({ code: 'IMPORT_TOO_LARGE', rule, limit });
}

describe('a workbook that inflates past the bound (a zip bomb)', () => {
  // 50 MiB of one row repeated: a few dozen KiB once compressed, like the file that once held the service a minute.
  const row = `<row r="2"><c r="A2" t="inlineStr"><is><t>${'x'.repeat(40)}</t></is></c></row>`;
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = await workbookWithSheet(row.repeat(Math.ceil((50 * 1024 * 1024) / row.length)));
    expect(bomb.length).toBeLessThan(300_000);
  });

  it('is answered 413 naming the inflated-size limit, the service answering /healthz within a second meanwhile', async () => {
    const { answer, slowestMs, probes } = await whileProbing(importWorkbook(bomb));
    expectTooLarge(answer, 'INFLATED_SIZE_LIMIT', IMPORT_LIMITS.inflatedBytes);
    expect(errorOf(answer).message).toMatch(/declares 50(\.\d)? MiB .*limit of 16 MiB/);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((status) => status === 200)).toBe(true);
    expect(slowestMs).toBeLessThan(1_000);
  });

  it('is refused as well when its zip declares small sizes: the inflation itself is bounded', async () => {
    const { answer, slowestMs } = await whileProbing(importWorkbook(declaringLess(bomb)));
    expectTooLarge(answer, 'INFLATED_SIZE_LIMIT', IMPORT_LIMITS.inflatedBytes);
    expect(slowestMs).toBeLessThan(1_000);
  });
});

describe('a file past the row limit', () => {
  it('a sheet of more rows than the limit, within the inflated bound: 413 naming the row limit, /healthz answering', async () => {
    const pad = 'x'.repeat(1_500);
    const rows = Array.from(
      { length: IMPORT_LIMITS.rows + 2_000 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>${pad}</t></is></c></row>`,
    );
    const { answer, slowestMs, probes } = await whileProbing(importWorkbook(await workbookWithSheet(rows.join(''))));
    expectTooLarge(answer, 'ROW_LIMIT', IMPORT_LIMITS.rows);
    expect(errorOf(answer).message).toContain('more than 5,000 rows');
    expect(probes.length).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(1_000);
  });

  it('a CSV of 16,000 rows (under the body limit): 413 naming the row limit, not a 500', async () => {
    const lines = Array.from(
      { length: 16_000 },
      (_, i) => `NA-X${i},CB-001,2024-01-01,${i + 1}-QĐ/BT,2024-01-01,LD-02`,
    );
    const content = [HEADER, ...lines].join('\n');
    expect(content.length).toBeLessThan(900_000);
    const { answer, slowestMs } = await whileProbing(importCsv(content));
    expectTooLarge(answer, 'ROW_LIMIT', IMPORT_LIMITS.rows);
    expect(errorOf(answer).message).toContain('5,000');
    expect(slowestMs).toBeLessThan(1_000);
  });
});

describe('a CSV at the row limit, every row naming an unknown area and official', () => {
  it('is answered 422 listing each row (the lookups batched under the databases’ parameter bound), not 500', async () => {
    const lines = Array.from(
      { length: IMPORT_LIMITS.rows },
      (_, i) => `NA-NOWHERE-${i},CB-NOBODY-${i},2024-01-01,${i + 1}-QĐ/BTCTU/HOSTILE,2024-01-01,LD-02,,`,
    );
    const response = await importCsv([HEADER, ...lines].join('\n'));
    expect(response.statusCode, response.body.slice(0, 500)).toBe(422);
    const error = errorOf(response);
    expect(error.code).toBe('IMPORT_REFUSED');
    const rows = error.rows as { line: number; column: string; rule: string }[];
    expect(rows).toHaveLength(2 * IMPORT_LIMITS.rows);
    expect(rows.filter((r) => r.rule === 'UNKNOWN_AREA').map((r) => r.line)).toEqual(
      Array.from({ length: IMPORT_LIMITS.rows }, (_, i) => i + 2),
    );
    expect(rows.filter((r) => r.rule === 'UNKNOWN_OFFICIAL')).toHaveLength(IMPORT_LIMITS.rows);
    // The message names the first problems and says how many more there are; `rows` lists them all.
    expect(error.message).toContain('and 9980 more (see rows)');
  });
});

describe("the roster's checks on many rows", () => {
  it('look up 20,000 rows of distinct unknown codes in batches, past any bound on a query’s parameters', async () => {
    // Past the row limit on purpose: unbatched, these lookups take some 160,000 parameters in one query.
    const rows: RosterRow[] = Array.from({ length: 20_000 }, (_, i) => ({
      line: i + 2,
      area: `NA-NOWHERE-${i}`,
      official: `CB-NOBODY-${i}`,
      start: '2024-01-01',
      decision_number: `${i + 1}-QĐ/BTCTU/BATCH`,
      decision_date: '2024-01-01',
      signer: `LD-NOBODY-${i}`,
      group: `group-nowhere-${i}`,
      leader: `CB-NOLEADER-${i}`,
      served_from: '',
    }));
    const refused = await validateRoster(suite.h.db.prisma, rows, '2026-01-01').catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 422, code: 'IMPORT_REFUSED' });
    const problems = (refused as { extra: { rows: { rule: string }[] } }).extra.rows;
    expect(problems.filter((p) => p.rule === 'UNKNOWN_AREA')).toHaveLength(20_000);
    expect(problems.filter((p) => p.rule === 'UNKNOWN_GROUP')).toHaveLength(20_000);
  });
});
