/**
 * The summary reports as files: a workbook (.xlsx, one sheet per table, headers in the caller's language) and a
 * paper in the Party's format (a "Báo cáo" of the Board, "Số …-BC/BTCTU"), filled into the Word template
 * templates/report.vi.docx (scripts/exports/build-report-template.ts) with docxtemplater, the header, place and
 * recipients from the papers' settings (domain/papers/settings.ts), signed by the Head of Board. The PDF is the
 * decision's conversion (domain/papers/pdf.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { z } from 'zod';
import { URGENCIES } from '../../contracts/reports';
import { enumLabel, type Language } from '../../labels';
import { SUMMARY_LABELS } from '../../labels/summaries';
import { RATINGS } from '../../machines/annual-evaluation.machine';
import { dayOf } from '../../machines/calendar';
import { dateLine } from '../../machines/papers/decision-paper';
import { signingBlock } from '../../machines/signing-block';
import type { PrismaClient } from '../../prisma/database';
import type { PapersConfig } from '../papers/settings';
import { Refusal } from '../refusal';
import type { MonthSummary } from './month-summary';
import type { Table } from './table';
import { RATING_COLUMNS, type RatingRow, type YearSummary } from './year-summary';

const DEFAULT_REPORT_TEMPLATE = path.resolve(import.meta.dirname, '../../templates/report.vi.docx');

const ReportSettingsSchema = z.object({
  PAPERS_REPORT_TEMPLATE: z.string().min(1).optional(),
  /** The register a report's number is written in: "Số 15-BC/BTCTU". */
  PAPERS_REPORT_REGISTER: z.string().min(1).default('BC/BTCTU'),
  /** Lines separated by "|". */
  PAPERS_REPORT_RECIPIENTS: z.string().min(1).default('Thường trực Tỉnh ủy (để báo cáo),|Lãnh đạo Ban,|Lưu VT.'),
});

export interface ReportPaperSettings {
  templatePath: string;
  register: string;
  recipients: string[];
}

export function reportPaperSettings(env: NodeJS.ProcessEnv = process.env): ReportPaperSettings {
  const e = ReportSettingsSchema.parse(env);
  return {
    templatePath: e.PAPERS_REPORT_TEMPLATE ? path.resolve(e.PAPERS_REPORT_TEMPLATE) : DEFAULT_REPORT_TEMPLATE,
    register: e.PAPERS_REPORT_REGISTER,
    recipients: e.PAPERS_REPORT_RECIPIENTS.split('|')
      .map((line) => line.trim())
      .filter(Boolean),
  };
}

// ───────────────────────── workbooks ─────────────────────────

export function monthSummaryTables(summary: MonthSummary, lang: Language): Table[] {
  const t = SUMMARY_LABELS[lang];
  const status = (s: keyof typeof t.status | null) => t.status[s ?? 'NONE'];
  const counts = (what: string, c: MonthSummary['plans']) =>
    (['ON_TIME', 'LATE', 'MISSED', 'OPEN'] as const).map((s): (string | number)[] => [`${what}: ${t.status[s]}`, c[s]]);
  return [
    {
      sheet: `${t.sheets.monthTotals} ${summary.month}`,
      header: [t.totals.item, t.totals.count],
      rows: [
        ...counts(t.plans, summary.plans),
        ...counts(t.reports, summary.reports),
        [t.month.escalations, summary.escalations],
        [t.month.adHoc, summary.adHoc.total],
        ...URGENCIES.map((u) => [`${t.month.adHoc}: ${t.urgency[u]}`, summary.adHoc.byUrgency[u]]),
        [`${t.month.adHoc}: ${t.sensitive}`, summary.adHoc.sensitive],
      ],
    },
    {
      sheet: t.sheets.month,
      header: [t.month.area, t.month.official, t.month.plan, t.month.report, t.month.escalations, t.month.adHoc],
      rows: summary.lines.map((l) => [l.area, l.official, status(l.plan), status(l.report), l.escalations, l.adHoc]),
    },
  ];
}

const ratingHeader = (lang: Language) => [
  ...RATINGS.map((r) => enumLabel('rating', r, lang)),
  SUMMARY_LABELS[lang].year.notRated,
  SUMMARY_LABELS[lang].year.total,
];
const ratingCells = (row: RatingRow) => [...RATING_COLUMNS.map((r) => row.counts[r]), row.total];

export function yearSummaryTables(summary: YearSummary, lang: Language): Table[] {
  const t = SUMMARY_LABELS[lang];
  const total = [t.year.total, ...ratingCells(summary.total)];
  return [
    {
      sheet: `${t.sheets.yearByGroup} ${summary.year}`,
      header: [t.year.group, ...ratingHeader(lang)],
      rows: [...summary.byGroup.map((row) => [row.label, ...ratingCells(row)]), total],
    },
    {
      sheet: `${t.sheets.yearByLevel} ${summary.year}`,
      header: [t.year.level, ...ratingHeader(lang)],
      rows: [...summary.byLevel.map((row) => [enumLabel('areaKind', row.label, lang), ...ratingCells(row)]), total],
    },
  ];
}

// ───────────────────────── papers ─────────────────────────

interface Section {
  heading: string;
  lines: string[];
}

export interface SummaryPaper {
  subject: string;
  intro: string[];
  sections: Section[];
}

const monthInWords = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `tháng ${m} năm ${year}`;
};

export function monthSummaryPaper(summary: MonthSummary): SummaryPaper {
  const t = SUMMARY_LABELS.vi;
  const tally = (c: MonthSummary['plans']) =>
    `${c.ON_TIME} ${t.status.ON_TIME}, ${c.LATE} ${t.status.LATE}, ${c.MISSED} ${t.status.MISSED}, ${c.OPEN} ${t.status.OPEN}.`;
  const urgencies = URGENCIES.map((u) => `${t.urgency[u]}: ${summary.adHoc.byUrgency[u]}`).join('; ');
  return {
    subject: `Kết quả thực hiện nhiệm vụ của công chức theo dõi địa bàn ${monthInWords(summary.month)}`,
    intro: [
      `Thực hiện Quy chế phân công công chức theo dõi địa bàn, Ban Tổ chức Tỉnh ủy báo cáo kết quả thực hiện kế hoạch, báo cáo ${monthInWords(summary.month)} như sau:`,
    ],
    sections: [
      {
        heading: 'I. VIỆC GỬI KẾ HOẠCH, BÁO CÁO THÁNG',
        lines: [
          `1. Kế hoạch tháng (${summary.lines.length} địa bàn): ${tally(summary.plans)}`,
          `2. Báo cáo tháng: ${tally(summary.reports)}`,
          `3. Số lần nhắc việc, báo cáo cấp trên do quá hạn: ${summary.escalations}.`,
        ],
      },
      {
        heading: 'II. BÁO CÁO ĐỘT XUẤT',
        lines: [
          `Tổng số ${summary.adHoc.total} báo cáo (${urgencies}); trong đó ${summary.adHoc.sensitive} báo cáo về vấn đề nhạy cảm đã gửi đồng chí Trưởng Ban, không nêu nội dung tại báo cáo này.`,
        ],
      },
      {
        heading: 'III. CHI TIẾT THEO ĐỊA BÀN',
        lines: summary.lines.map(
          (l, i) =>
            `${i + 1}. ${l.area} – đồng chí ${l.official}: kế hoạch ${t.status[l.plan ?? 'NONE']}; báo cáo ${t.status[l.report ?? 'NONE']}; ${l.escalations} lần nhắc việc; ${l.adHoc} báo cáo đột xuất.`,
        ),
      },
    ],
  };
}

export function yearSummaryPaper(summary: YearSummary): SummaryPaper {
  const line = (label: string, row: RatingRow) =>
    `${label}: ${RATING_COLUMNS.map((r) => `${r === 'NOT_RATED' ? 'chưa xếp loại' : enumLabel('rating', r).toLocaleLowerCase('vi')} ${row.counts[r]}`).join('; ')} (tổng số ${row.total}).`;
  return {
    subject: `Kết quả đánh giá, xếp loại công chức theo dõi địa bàn năm ${summary.year}`,
    intro: [
      `Thực hiện Quy chế phân công công chức theo dõi địa bàn, Ban Tổ chức Tỉnh ủy báo cáo kết quả đánh giá, xếp loại công chức theo dõi địa bàn năm ${summary.year} như sau:`,
      line('Toàn Ban', summary.total),
    ],
    sections: [
      {
        heading: 'I. THEO NHÓM CÔNG CHỨC',
        lines: summary.byGroup.map((row, i) => `${i + 1}. ${line(row.label, row)}`),
      },
      {
        heading: 'II. THEO LOẠI ĐƠN VỊ ĐƯỢC THEO DÕI',
        lines: summary.byLevel.map((row, i) => `${i + 1}. ${line(enumLabel('areaKind', row.label), row)}`),
      },
    ],
  };
}

/** The Head of Board, who signs the Board's reports; an empty name in an organisation without one yet. */
async function headOfBoard(prisma: PrismaClient) {
  const head = await prisma.official.findFirst({
    where: { position: 'HEAD_OF_BOARD' },
    orderBy: { id: 'asc' },
    select: { id: true, fullName: true },
  });
  return signingBlock({ signerId: head?.id ?? '-', signerName: head?.fullName ?? ' ', capacity: 'HEAD' });
}

/** The paper's .docx; `number` is the report's number in its register, left blank for the clerk when absent. */
export async function summaryDocx(
  prisma: PrismaClient,
  paper: SummaryPaper,
  papers: PapersConfig,
  settings: ReportPaperSettings,
  number: number | undefined,
): Promise<Buffer> {
  const template = await readFile(settings.templatePath);
  const signing = await headOfBoard(prisma);
  try {
    const doc = new Docxtemplater(new PizZip(template), {
      paragraphLoop: true,
      linebreaks: true,
      nullGetter: () => '',
    });
    doc.render({
      ...paper,
      superiorBody: papers.paper.superiorBody,
      issuerName: papers.paper.issuerName,
      number: `${number === undefined ? '     ' : String(number)}-${settings.register}`,
      dateLine: dateLine(papers.paper.place, dayOf(Date.now())),
      recipients: settings.recipients,
      titleLines: signing.titleLines,
      signerName: signing.signerName,
    });
    return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  } catch (error) {
    throw new Refusal(
      422,
      'TEMPLATE_INVALID',
      `The report template ${settings.templatePath} cannot be filled: ${(error as Error).message}`,
      { rule: 'TEMPLATE_INVALID' },
    );
  }
}
