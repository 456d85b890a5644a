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
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

let numbers = 1;
/** Leadership approves the pending proposal of an assignment with the register's next number; the decision's id. */
async function approveWithNumber(assignmentId: string, extra: Record<string, unknown> = {}): Promise<string> {
  numbers += 1;
  const number = `${numbers}-${REGISTER}`;
  const approved = await call('POST', `/assignments/${assignmentId}/approve`, USERS.leader, {
    decision: { number, issuedOn: today, signerId: 'official-ld-02' },
    ...extra,
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const row = await suite.h.db.prisma.decision.findFirstOrThrow({ where: { number }, select: { id: true } });
  return row.id;
}

/** An official appointed to an area today; the assignment's id and the decision's. */
async function appointed(areaId: string, officialId: string) {
  const proposed = await call('POST', '/assignments', 'ld04', {
    areaId,
    officialId,
    effectiveFrom: today,
    reason: 'Phân công theo dõi địa bàn',
  });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const assignmentId = proposed.json<{ assignmentId: string }>().assignmentId;
  return { assignmentId, decisionId: await approveWithNumber(assignmentId) };
}

async function pendingProposal(assignmentId: string) {
  await vi.waitFor(
    async () => {
      const view = await call('GET', `/assignments/${assignmentId}`, USERS.leader);
      expect(view.json<{ view: { pendingProposal: unknown } }>().view.pendingProposal).not.toBeNull();
    },
    { timeout: 20_000, interval: 200 },
  );
}

/** The text of a PDF, by pdftotext, its runs of spaces made one. */
async function pdfText(bytes: Buffer, name: string): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

const fullName = async (id: string) =>
  (await suite.h.db.prisma.official.findUniqueOrThrow({ where: { id }, select: { fullName: true } })).fullName;

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

    // A decision whose PDF is not made yet: one made is served as stored, LibreOffice or not.
    const { decisionId: fresh } = await appointed('area-na-cualo', 'official-cb-012');
    await expect.poll(() => storedDocument(suite.h.db.prisma, fresh, 'docx'), { timeout: 20_000 }).not.toBeNull();
    const { running, waiting } = PDF_CONVERSION;
    Object.assign(PDF_CONVERSION, { running: 0, waiting: 0 });
    try {
      const busy = await docxToPdf(docx, undefined).catch((e: unknown) => e);
      expect(busy).toMatchObject({ statusCode: 503, code: 'PAPERS_UNAVAILABLE', extra: { retryAfterSeconds: 10 } });
      const answer = await call('GET', `/decisions/${fresh}/document.pdf`, USERS.leader);
      expect(answer.statusCode, answer.body).toBe(503);
      expect(answer.headers['retry-after']).toBe('10');
    } finally {
      Object.assign(PDF_CONVERSION, { running, waiting });
    }
    expect(await storedDocument(suite.h.db.prisma, fresh, 'pdf')).toBeNull();
  }, 120_000);

  it('exports the register as a workbook: the rows of GET /decisions for the same filter, a formula neutralised, the same as /exports/decisions.xlsx', async () => {
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
    const first = rows.find((row) => row[0] === `1-${REGISTER}`)!;
    expect(first[summary]).toBe(`'${FORMULA}`);
    expect(first[header!.indexOf('Người ký')]).toBe('Trần Thị Hồng Minh');
    // One builder: the register's workbook is GET /exports/decisions.xlsx's for the same filter, cell for cell.
    const exported = await download(`/exports/decisions.xlsx?${filter}`, USERS.auditor);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(await readSheet(exported.rawPayload)).toEqual([header, ...rows]);
    expect(header).toEqual(expect.arrayContaining(['Kỳ đánh số từ', 'Đã ký số bởi']));
    expect((await call('GET', `/decisions/register.xlsx?${filter}`, USERS.official)).statusCode).toBe(403);
    expect((await call('GET', '/decisions/register.xlsx?year=1', USERS.leader)).statusCode).toBe(400);
  });
});

describe('GET /decisions/:id/document: the document as issued', () => {
  it('answers the stored document in either format, its SHA-256 in the headers equal to the file downloaded and to its audit row', async () => {
    for (const format of ['pdf', 'docx'] as const) {
      const response = await download(`/decisions/${decisionId}/document?format=${format}`, USERS.leader);
      expect(response.statusCode, response.body).toBe(200);
      const hash = sha256Of(response.rawPayload);
      expect(response.headers['x-content-sha256']).toBe(hash);
      expect(response.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(hash, 'hex').toString('base64')}:`);
      expect(hash).toBe((await storedDocument(suite.h.db.prisma, decisionId, format))!.sha256);
      const issued = await suite.h.db.prisma.auditEvent.findMany({
        where: { action: DECISION_DOCUMENT_ISSUED, entityId: decisionId },
      });
      expect(issued.map((row) => row.payload)).toContainEqual(expect.objectContaining({ format, sha256: hash }));
      // The old addresses answer the same bytes.
      const alias = await download(`/decisions/${decisionId}/document.${format}`, USERS.leader);
      expect(sha256Of(alias.rawPayload)).toBe(hash);
    }
    const byDefault = await download(`/decisions/${decisionId}/document`, USERS.auditor);
    expect(byDefault.headers['content-type']).toBe('application/pdf');
    expect((await call('GET', `/decisions/${decisionId}/document?format=odt`, USERS.leader)).statusCode).toBe(400);
    expect((await call('GET', `/decisions/${decisionId}/document?format=pdf`, USERS.official)).statusCode).toBe(403);
    expect((await call('GET', '/decisions/no-such-decision/document?format=pdf', USERS.leader)).statusCode).toBe(404);
  }, 120_000);

  it("issues every kind of decision: an appointment, a closure, a reassignment at the Board's request, an early reassignment, each read back from its PDF", async () => {
    const closing = await appointed('area-na-thaihoa', 'official-cb-013');
    const closure = await call('POST', `/assignments/${closing.assignmentId}/propose`, USERS.head, {
      proposal: { kind: 'CLOSURE', closureReason: 'REVOKED', reason: 'Thu hồi phân công' },
    });
    expect(closure.statusCode, closure.body).toBe(200);
    const closureId = await approveWithNumber(closing.assignmentId);

    const moving = await appointed('area-na-sgddt', 'official-cb-015');
    const board = await call('POST', `/assignments/${moving.assignmentId}/propose`, USERS.head, {
      proposal: {
        kind: 'BOARD_REASSIGNMENT',
        successorOfficialId: 'official-cb-024',
        reason: 'Theo yêu cầu nhiệm vụ của Cơ quan: tăng cường cho địa bàn trọng điểm',
      },
    });
    expect(board.statusCode, board.body).toBe(200);
    const boardId = await approveWithNumber(moving.assignmentId);

    const changing = await appointed('area-na-tinhdoan', 'official-cb-025');
    const reported = await call('POST', `/assignments/${changing.assignmentId}/position-change`, USERS.leader, {
      note: 'Được bổ nhiệm Phó Trưởng phòng',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    await pendingProposal(changing.assignmentId);
    const earlyId = await approveWithNumber(changing.assignmentId, { successorOfficialId: 'official-cb-026' });

    const cases = [
      { id: decisionId, subject: 'về việc phân công công chức theo dõi địa bàn', names: [OFFICIAL] },
      { id: closureId, subject: 'về việc thôi phân công công chức theo dõi địa bàn', names: ['official-cb-013'] },
      {
        id: boardId,
        subject: 'theo yêu cầu nhiệm vụ',
        names: ['official-cb-015', 'official-cb-024'],
      },
      {
        id: earlyId,
        subject: 'về việc điều chỉnh phân công công chức theo dõi địa bàn',
        names: ['official-cb-025', 'official-cb-026'],
      },
    ];
    for (const { id, subject, names } of cases) {
      // The .docx is issued by the workflow's activity; a move's once its successor's appointment is recorded.
      await expect.poll(() => storedDocument(suite.h.db.prisma, id, 'docx'), { timeout: 30_000 }).not.toBeNull();
      const response = await download(`/decisions/${id}/document?format=pdf`, USERS.leader);
      expect(response.statusCode, response.body).toBe(200);
      const text = await pdfText(response.rawPayload, id);
      const number = (await suite.h.db.prisma.decision.findUniqueOrThrow({ where: { id } })).number;
      expect(text).toContain(`Số ${number}`);
      expect(text).toContain(dateLine('Nghệ An', today));
      expect(text).toContain(subject);
      for (const official of names) expect(text).toContain(await fullName(official));
      expect(text).toContain('K/T TRƯỞNG BAN');
      expect(text).toContain('Nơi nhận:');
      expect(response.headers['x-content-sha256']).toBe(sha256Of(response.rawPayload));
    }
  }, 240_000);

  it('composes a rotation: the article names who takes the area over and the handover', async () => {
    const docx = await decisionDocx(
      {
        number: `90-${REGISTER}`,
        issuedOn: today,
        kind: 'ROTATION',
        officials: [
          {
            fullName: 'Lê Thị Hương',
            post: 'chuyên viên Phòng Tổ chức đảng, đảng viên',
            areaName: 'Phường Trường Vinh',
            groupName: null,
            groupLeaderName: null,
            effectiveFrom: today,
          },
        ],
        signing: signingBlock({ signerId: 'x', signerName: 'Nguyễn Văn Thông', capacity: 'HEAD' }),
      },
      papersConfig(),
    );
    const text = docxText(docx);
    expect(text).toContain('về việc luân chuyển công chức theo dõi địa bàn');
    expect(text).toContain('Luân chuyển việc theo dõi địa bàn: phân công đồng chí Lê Thị Hương');
    expect(text).toContain('việc bàn giao');
    expect(text).toContain('TRƯỞNG BAN');
  });
});

describe('GET /assignments/:id/decision-draft: the draft before approval', () => {
  it('answers the draft without a number nor a day, marked DỰ THẢO, to leadership; the decision approved is the final one', async () => {
    const proposed = await call('POST', '/assignments', 'ld04', {
      areaId: 'area-na-hoangmai',
      officialId: 'official-cb-022',
      effectiveFrom: today,
      reason: 'Phân công theo dõi địa bàn',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json<{ assignmentId: string }>().assignmentId;
    const name = await fullName('official-cb-022');

    const docx = await download(`/assignments/${id}/decision-draft?format=docx`, USERS.leader);
    expect(docx.statusCode, docx.body).toBe(200);
    const text = docxText(docx.rawPayload);
    expect(text).toContain('DỰ THẢO');
    expect(text).toMatch(/Số\s+-QĐ\/BTCTU/);
    expect(text).not.toMatch(/Số \d/);
    expect(text).toContain(name);
    expect(text).toContain('K/T TRƯỞNG BAN');

    const pdf = await download(`/assignments/${id}/decision-draft?format=pdf`, USERS.leader);
    expect(pdf.statusCode, pdf.body).toBe(200);
    const pdfWords = await pdfText(pdf.rawPayload, 'draft');
    expect(pdfWords).toContain('DỰ THẢO');
    expect(pdfWords).toMatch(/Số -QĐ\/BTCTU/);
    expect((await call('GET', `/assignments/${id}/decision-draft`, USERS.official)).statusCode).toBe(403);
    expect((await call('GET', `/assignments/${id}/decision-draft?format=rtf`, USERS.leader)).statusCode).toBe(400);

    const finalId = await approveWithNumber(id);
    expect((await call('GET', `/assignments/${id}/decision-draft`, USERS.leader)).statusCode).toBe(404);
    await expect.poll(() => storedDocument(suite.h.db.prisma, finalId, 'docx'), { timeout: 20_000 }).not.toBeNull();
    const final = docxText((await download(`/decisions/${finalId}/document?format=docx`, USERS.leader)).rawPayload);
    expect(final).not.toContain('DỰ THẢO');
    expect(final).toContain(`Số ${numbers}-${REGISTER}`);
    expect(final).toContain(name);
  }, 120_000);
});
