/**
 * A written decision as a paper: the .docx filled from the repository's template and the PDF LibreOffice makes of it,
 * read back (the document's XML, and the PDF's text by poppler's pdftotext): the header, "Số 1-QĐ/…" without a colon,
 * the date line in words, the grounds, the article naming the official with diacritics, the signing block of a deputy
 * (K/T TRƯỞNG BAN over PHÓ TRƯỞNG BAN), "Nơi nhận:". Read by leadership, the auditor and the official it names, each
 * read audited; 403 for another official, 404 for no decision; 503 with Retry-After when LibreOffice is missing or
 * busy. Needs LibreOffice and poppler-utils (installed by the set-up for the tests).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import PizZip from 'pizzip';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionDocx } from '../../domain/papers/document';
import { DECISION_DOCUMENT_ISSUED, readIssuedDocument, sha256Of, storedDocument } from '../../domain/papers/issued';
import { docxToPdf, PDF_CONVERSION } from '../../domain/papers/pdf';
import { papersConfig } from '../../domain/papers/settings';
import { Refusal } from '../../domain/refusal';
import { dayOf } from '../../machines/calendar';
import { dateLine } from '../../machines/papers/decision-paper';
import { signingBlock } from '../../machines/signing-block';
import { SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

const run = promisify(execFile);
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/papers/', import.meta.url));

let suite: ApiSuite;
let today: string;
let dir: string;
let decisionId: string;
let officialName: string;
let areaName: string;
const call = (...args: Parameters<ApiSuite['api']['call']>) => suite.api.call(...args);

const REGISTER = 'QĐ/BTCTU';
const OFFICIAL = 'official-cb-016';
const OFFICIAL_USER = 'cb016';
const AREA = 'area-na-namdan-tt';
/** A summary a spreadsheet would run as a formula. */
const FORMULA = '=1+1 Phân công theo dõi địa bàn';

beforeAll(async () => {
  suite = await startApiSuite();
  dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-papers-'));
  today = dayOf(await suite.h.env.currentTimeMs());
  const proposed = await call('POST', '/assignments', 'ld04', {
    areaId: AREA,
    officialId: OFFICIAL,
    effectiveFrom: today,
    reason: 'Phân công theo dõi địa bàn',
  });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const id = proposed.json<{ assignmentId: string }>().assignmentId;
  const approved = await call('POST', `/assignments/${id}/approve`, USERS.leader, {
    decision: { number: `1-${REGISTER}`, issuedOn: today, signerId: 'official-ld-02', summary: FORMULA },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const register = await call('GET', `/decisions?register=${encodeURIComponent(REGISTER)}`, USERS.leader);
  decisionId = register
    .json<{ items: { id: string; number: string }[] }>()
    .items.find((d) => d.number === `1-${REGISTER}`)!.id;
  const prisma = suite.h.db.prisma;
  officialName = (await prisma.official.findUniqueOrThrow({ where: { id: OFFICIAL } })).fullName;
  areaName = (await prisma.area.findUniqueOrThrow({ where: { id: AREA } })).name;
}, 120_000);

afterAll(async () => {
  await suite?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A download as bytes (the API client reads answers as text). */
async function download(url: string, username: string) {
  const token = await suite.api.tokenOf(username);
  return suite.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

/** The text of a document's XML, its tags removed. */
function docxText(body: Buffer): string {
  const xml = new PizZip(body).file('word/document.xml')!.asText();
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

describe('the decision as a document', () => {
  it('issues the .docx once, when the decision is recorded, its SHA-256 in an audit row of its own; the PDF once, from it', async () => {
    const prisma = suite.h.db.prisma;
    await expect.poll(() => storedDocument(prisma, decisionId, 'docx'), { timeout: 20_000 }).not.toBeNull();
    const docx = (await storedDocument(prisma, decisionId, 'docx'))!;
    expect(docx.sha256).toBe(sha256Of(docx.bytes));
    expect(docxText(docx.bytes)).toContain(`Số 1-${REGISTER}`);
    const issued = await prisma.auditEvent.findMany({
      where: { action: DECISION_DOCUMENT_ISSUED, entityType: 'Decision', entityId: decisionId },
    });
    expect(issued.map((row) => row.payload)).toEqual([
      expect.objectContaining({ format: 'docx', sha256: docx.sha256 }),
    ]);
    expect(issued[0]!.assignmentId).toBeNull();

    const pdf = await readIssuedDocument(suite.h.db, decisionId, 'pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.sha256).toBe(sha256Of(pdf.bytes));
    const again = await readIssuedDocument(suite.h.db, decisionId, 'pdf');
    expect(again.sha256).toBe(pdf.sha256);
    expect((await readIssuedDocument(suite.h.db, decisionId, 'docx')).sha256).toBe(docx.sha256);
    expect(await prisma.auditEvent.count({ where: { action: DECISION_DOCUMENT_ISSUED, entityId: decisionId } })).toBe(
      2,
    );
  }, 120_000);

  it('answers the .docx in the Party format to leadership, the auditor and the official named', async () => {
    const response = await download(`/decisions/${decisionId}/document.docx`, USERS.leader);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml.document');
    expect(response.headers['content-disposition']).toContain('attachment');
    const text = docxText(response.rawPayload);
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain(`Số 1-${REGISTER}`);
    expect(text).not.toContain('Số:');
    expect(text).toContain(dateLine('Nghệ An', today));
    expect(text).toContain(officialName);
    expect(text).toContain('K/T TRƯỞNG BAN');
    expect(text).not.toMatch(/\{[#/]?[a-zA-Z.]+\}/);

    expect((await call('GET', `/decisions/${decisionId}/document.docx`, USERS.auditor)).statusCode).toBe(200);
    expect((await call('GET', `/decisions/${decisionId}/document.docx`, OFFICIAL_USER)).statusCode).toBe(200);
    expect((await call('GET', `/decisions/${decisionId}/document.docx`, USERS.official)).statusCode).toBe(403);
    expect((await call('GET', `/decisions/no-such-decision/document.docx`, USERS.leader)).statusCode).toBe(404);
    const reads = await suite.h.db.prisma.auditEvent.count({
      where: { action: 'CONFIDENTIAL_READ', entityType: 'Decision', entityId: decisionId },
    });
    expect(reads).toBe(3);
  });

  it('answers the PDF whose text has the number, the date line, the grounds, the articles and the K/T signing block', async () => {
    const response = await download(`/decisions/${decisionId}/document.pdf`, USERS.head);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, 'decision.pdf');
    await writeFile(file, response.rawPayload);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    const text = stdout.replace(/[ \t]+/g, ' ');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('TỈNH ỦY NGHỆ AN');
    expect(text).toContain('BAN TỔ CHỨC');
    expect(text).toContain(`Số 1-${REGISTER}`);
    expect(text).toContain(dateLine('Nghệ An', today));
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain('- Căn cứ Quy chế làm việc của Ban Tổ chức Tỉnh ủy;');
    expect(text).toContain('Điều 1. Phân công đồng chí');
    expect(text.replace(/\s+/g, ' ')).toContain(officialName);
    expect(text.replace(/\s+/g, ' ')).toContain(areaName);
    expect(text).toContain('K/T TRƯỞNG BAN');
    expect(text).toContain('PHÓ TRƯỞNG BAN');
    expect(text).toContain('Trần Thị Hồng Minh');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Lưu VT.');
    const { stdout: fonts } = await run('pdffonts', [file]);
    expect(fonts).toMatch(/LiberationSerif|Tinos|TimesNewRoman/);
    // The first page as an image, a test artifact to look at (test-artifacts/papers/decision-page-1.png).
    await mkdir(ARTIFACTS, { recursive: true });
    const png = path.join(ARTIFACTS, 'decision-page-1');
    await run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, png]);
    expect((await stat(`${png}.png`)).size).toBeGreaterThan(10_000);
  }, 120_000);

  it('writes the date with a 0 before days 1 to 9 and months 1 and 2 only', () => {
    expect(dateLine('Nghệ An', '2026-12-05')).toBe('Nghệ An, ngày 05 tháng 12 năm 2026');
    expect(dateLine('Nghệ An', '2026-02-28')).toBe('Nghệ An, ngày 28 tháng 02 năm 2026');
    expect(dateLine('Nghệ An', '2026-03-09')).toBe('Nghệ An, ngày 09 tháng 3 năm 2026');
  });

  it('answers 503 with a wait when LibreOffice is missing or busy, never a 500 or a hang', async () => {
    const docx = await decisionDocx(
      {
        number: `2-${REGISTER}`,
        issuedOn: today,
        kind: 'APPOINTMENT',
        officials: [],
        signing: signingBlock({ signerId: 'x', signerName: 'Nguyễn Văn Thông', capacity: 'HEAD' }),
      },
      papersConfig(),
    );
    const missing = await docxToPdf(docx, path.join(dir, 'no-soffice')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Refusal);
    expect(missing).toMatchObject({ statusCode: 503, code: 'PAPERS_UNAVAILABLE', extra: { retryAfterSeconds: 300 } });

    const { running, waiting } = PDF_CONVERSION;
    Object.assign(PDF_CONVERSION, { running: 0, waiting: 0 });
    try {
      const busy = await docxToPdf(docx, undefined).catch((e: unknown) => e);
      expect(busy).toMatchObject({ statusCode: 503, code: 'PAPERS_UNAVAILABLE', extra: { retryAfterSeconds: 10 } });
      const answer = await call('GET', `/decisions/${decisionId}/document.pdf`, USERS.leader);
      expect(answer.statusCode, answer.body).toBe(503);
      expect(answer.headers['retry-after']).toBe('10');
    } finally {
      Object.assign(PDF_CONVERSION, { running, waiting });
    }
  });

  it('exports the register as a workbook: the rows of GET /decisions for the same filter, a formula neutralised', async () => {
    const filter = `register=${encodeURIComponent(REGISTER)}`;
    const response = await download(`/decisions/register.xlsx?${filter}`, USERS.auditor);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml.sheet');
    const [header, ...rows] = (await readSheet(response.rawPayload)) as unknown[][];
    expect(header).toEqual(expect.arrayContaining(['Số', 'Ngày ban hành', 'Trích yếu', 'Người ký']));
    const listed = await call('GET', `/decisions?${filter}&limit=100`, USERS.auditor);
    const items = listed.json<{ items: { number: string; summary: string; signer: { fullName: string } }[] }>().items;
    expect(rows.map((row) => row[0])).toEqual(items.map((item) => item.number));
    const summary = header!.indexOf('Trích yếu');
    expect(rows[0]![summary]).toBe(`'${FORMULA}`);
    expect(rows[0]![header!.indexOf('Người ký')]).toBe('Trần Thị Hồng Minh');
    expect((await call('GET', `/decisions/register.xlsx?${filter}`, USERS.official)).statusCode).toBe(403);
    expect((await call('GET', '/decisions/register.xlsx?year=1', USERS.leader)).statusCode).toBe(400);
  });
});
