/**
 * The summary reports the Board sends upward, on the dashboard's fixture rows: the month's summary of the province
 * (its totals equal the month's plans and reports lists, per area and official, the escalations, the ad hoc reports by
 * urgency; a sensitive report counted for the Head of Board, its text in no file) and the year's evaluation summary
 * (ratings by group and by kind of unit), read back from the workbook (read-excel-file), the .docx (its XML's text) and
 * the PDF (pdftotext; LibreOffice and poppler are installed by the set-up for the tests). 403 outside leadership and
 * the auditor; each an audited read.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PizZip from 'pizzip';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_USERS as U } from '../support/api-client';
import { apiReads, type Item } from '../support/api-reads';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { at, insertFixtures } from '../support/dashboard-fixtures';

const run = promisify(execFile);

let suite: ApiSuite;
let dir: string;
let headName: string;
const { allPages, countReads } = apiReads(() => ({ api: suite.api, h: suite.h }));

const MONTH = '2024-01';
const SECRET = 'Nội dung nhạy cảm không được in ra';

beforeAll(async () => {
  suite = await startApiSuite();
  await insertFixtures(suite.h.db);
  dir = await mkdtemp(path.join(tmpdir(), 'dia-ban-summary-'));
  const prisma = suite.h.db.prisma;
  const report = { assignmentId: 'fx-a1', period: MONTH, results: 'Kết quả', filedById: 'official-cb-012' };
  await prisma.adHocReport.createMany({
    data: [
      { ...report, id: 'fx-adhoc-1', urgency: 'URGENT', situation: 'Tình hình khẩn', filedAt: at(-40) },
      { ...report, id: 'fx-adhoc-2', urgency: 'FLASH', sensitive: true, situation: SECRET, filedAt: at(-39) },
    ],
  });
  headName = (await prisma.official.findFirstOrThrow({ where: { position: 'HEAD_OF_BOARD' }, orderBy: { id: 'asc' } }))
    .fullName;
}, 120_000);

afterAll(async () => {
  await suite?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function download(url: string, username: string) {
  const token = await suite.api.tokenOf(username);
  return suite.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

const docxText = (bytes: Buffer) =>
  new PizZip(bytes)
    .file('word/document.xml')!
    .asText()
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');

async function pdfText(bytes: Buffer, name: string) {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return (await run('pdftotext', ['-layout', file, '-'])).stdout;
}

const count = (items: Item[], status: string) => items.filter((i) => i.status === status).length;

describe('the month’s summary of the province', () => {
  it('totals equal the month’s plans and reports; per area and official; ad hoc by urgency, a sensitive one only counted', async () => {
    const plans = (await allPages<Item>(`/plans?month=${MONTH}&limit=100`, U.head, (i) => i.id)).items;
    const reports = (await allPages<Item>(`/reports?month=${MONTH}&kind=MONTHLY&limit=100`, U.head, (i) => i.id)).items;
    const before = await countReads('Report', `summary:month:${MONTH}`);
    const xlsx = await download(`/exports/summaries/month.xlsx?month=${MONTH}`, U.head);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(await countReads('Report', `summary:month:${MONTH}`)).toBe(before + 1);
    const totals = new Map(
      ((await readSheet(xlsx.rawPayload, `Tổng hợp ${MONTH}`)) as [string, number][]).slice(1).map(([k, v]) => [k, v]),
    );
    expect(totals.get('Kế hoạch: đúng hạn')).toBe(count(plans, 'ON_TIME'));
    expect(totals.get('Kế hoạch: trễ hạn')).toBe(count(plans, 'LATE'));
    expect(totals.get('Kế hoạch: không gửi')).toBe(count(plans, 'MISSED'));
    expect(totals.get('Báo cáo tháng: không gửi')).toBe(count(reports, 'MISSED'));
    expect(count(plans, 'LATE') + count(reports, 'MISSED')).toBeGreaterThan(0);
    expect(totals.get('Báo cáo đột xuất')).toBe(2);
    expect(totals.get('Báo cáo đột xuất: khẩn')).toBe(1);
    expect(totals.get('Báo cáo đột xuất: hỏa tốc')).toBe(1);
    expect(totals.get('Báo cáo đột xuất: về vấn đề nhạy cảm (chỉ nêu số lượng)')).toBe(1);
    const escalations = await suite.h.db.prisma.escalation.count({ where: { deadline: { reference: MONTH } } });
    expect(totals.get('Số lần nhắc việc')).toBe(escalations);

    const [header, ...lines] = (await readSheet(xlsx.rawPayload, 'Theo địa bàn')) as unknown[][];
    expect(header).toEqual([
      'Địa bàn',
      'Công chức theo dõi',
      'Kế hoạch',
      'Báo cáo',
      'Số lần nhắc việc',
      'Báo cáo đột xuất',
    ]);
    const a1Plan = plans.find((p) => p.assignmentId === 'fx-a1')!;
    const a1 = lines.find((l) => l[0] === (a1Plan.area as { name: string }).name)!;
    expect(a1[1]).toBe((a1Plan.official as { name: string }).name);
    expect(a1[2]).toBe(
      { ON_TIME: 'đúng hạn', LATE: 'trễ hạn', MISSED: 'không gửi', OPEN: 'chưa gửi' }[String(a1Plan.status)],
    );
    expect(a1[5]).toBe(2);
    expect(JSON.stringify(lines)).not.toContain(SECRET);

    // A leader other than the Head of Board does not learn of the sensitive report at all.
    const leader = await download(`/exports/summaries/month.xlsx?month=${MONTH}&lang=en`, U.leader);
    const leaderTotals = new Map(
      ((await readSheet(leader.rawPayload, `Totals ${MONTH}`)) as [string, number][]).slice(1).map(([k, v]) => [k, v]),
    );
    expect(leaderTotals.get('Ad hoc reports')).toBe(1);
    expect(leaderTotals.get('Ad hoc reports: on sensitive matters (counted only)')).toBe(0);
  });

  it('as a "Báo cáo" of the Board in the Party’s format (.docx and PDF), the sensitive report’s text absent', async () => {
    const docx = await download(`/exports/summaries/month.docx?month=${MONTH}&number=7`, U.head);
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml.document');
    const text = docxText(docx.rawPayload);
    for (const expected of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'BAN TỔ CHỨC',
      'Số 7-BC/BTCTU',
      'BÁO CÁO',
      'Kết quả thực hiện nhiệm vụ của công chức theo dõi địa bàn tháng 1 năm 2024',
      'II. BÁO CÁO ĐỘT XUẤT',
      'Tổng số 2 báo cáo',
      '1 báo cáo về vấn đề nhạy cảm',
      'Nơi nhận:',
      'Lưu VT.',
      'TRƯỞNG BAN',
      headName,
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/Nghệ An, ngày \d{2} tháng (0[12]|\d{1,2}) năm \d{4}/);
    expect(text).not.toContain('Số:');
    expect(text).not.toContain(SECRET);

    const pdf = await download(`/exports/summaries/month.pdf?month=${MONTH}&number=7`, U.auditor);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const printed = await pdfText(pdf.rawPayload, 'month.pdf');
    expect(printed).toContain('BÁO CÁO');
    expect(printed).toContain('Số 7-BC/BTCTU');
    expect(printed).not.toContain(SECRET);
  }, 120_000);
});

describe('the year’s evaluation summary', () => {
  it('ratings by group and by kind of unit, as a workbook and a paper', async () => {
    const year = 2021;
    const rows = await suite.h.db.prisma.annualEvaluation.findMany({
      where: { year },
      select: { rating: true, assignment: { select: { group: { select: { name: true } } } } },
    });
    expect(rows.length).toBeGreaterThan(0);
    const xlsx = await download(`/exports/summaries/year.xlsx?year=${year}`, U.leader);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const [header, ...byGroup] = (await readSheet(xlsx.rawPayload, `Theo nhóm ${year}`)) as unknown[][];
    expect(header).toEqual([
      'Nhóm',
      'Hoàn thành xuất sắc nhiệm vụ',
      'Hoàn thành tốt nhiệm vụ',
      expect.any(String),
      expect.any(String),
      'Chưa xếp loại',
      'Tổng số',
    ]);
    const total = byGroup.at(-1)!;
    expect(total[0]).toBe('Tổng số');
    expect(total[1]).toBe(rows.filter((r) => r.rating === 'EXCELLENT').length);
    expect(total[6]).toBe(rows.length);
    const [, ...byLevel] = (await readSheet(xlsx.rawPayload, `Theo cấp ${year}`)) as unknown[][];
    expect(byLevel.at(-1)).toEqual(total);

    const docx = await download(`/exports/summaries/year.docx?year=${year}`, U.auditor);
    expect(docx.statusCode, docx.body).toBe(200);
    const text = docxText(docx.rawPayload);
    expect(text).toContain(`Kết quả đánh giá, xếp loại công chức theo dõi địa bàn năm ${year}`);
    expect(text).toContain('I. THEO NHÓM CÔNG CHỨC');
    expect(text).toContain('II. THEO LOẠI ĐƠN VỊ ĐƯỢC THEO DÕI');
    expect(text).toContain(`Toàn Ban: hoàn thành xuất sắc nhiệm vụ ${total[1]}`);
    expect(text).toMatch(/Số\s+-BC\/BTCTU/);
  });

  it('is refused outside leadership and the auditor (403) and to a bad query (400)', async () => {
    for (const [url, user] of [
      ['/exports/summaries/month.xlsx?month=2024-01', U.official],
      ['/exports/summaries/month.docx?month=2024-01', U.departmentHead],
      ['/exports/summaries/year.pdf?year=2021', U.committee],
      ['/exports/summaries/year.xlsx?year=2021', U.admin],
    ] as const) {
      const answer = await download(url, user);
      expect(answer.statusCode, `${url} as ${user}: ${answer.body}`).toBe(403);
    }
    expect((await download('/exports/summaries/month.xlsx?month=2024-13', U.head)).statusCode).toBe(400);
    expect((await download('/exports/summaries/year.xlsx', U.head)).statusCode).toBe(400);
    expect((await download('/exports/summaries/year.docx?year=2021&number=0', U.head)).statusCode).toBe(400);
  });
});
