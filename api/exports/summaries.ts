/**
 * The summary reports the Board sends upward, for leadership and the auditor: the month's summary of the province
 * (`GET /exports/summaries/month.xlsx|docx|pdf?month=`) and the year's evaluation summary
 * (`GET /exports/summaries/year.xlsx|docx|pdf?year=`); `number` is the report's number in its register (blank for the
 * clerk when absent), `lang` the workbook's headers (the paper is Vietnamese). Each is an audited read of the
 * records it counts. The summaries are domain/exports/month-summary.ts and year-summary.ts, the files
 * domain/exports/summary-paper.ts.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ERROR_SCHEMAS } from '../../contracts/errors';
import { dashboardScope } from '../../domain/dashboard/scope';
import { monthSummary } from '../../domain/exports/month-summary';
import {
  monthSummaryPaper,
  monthSummaryTables,
  reportPaperSettings,
  type SummaryPaper,
  summaryDocx,
  yearSummaryPaper,
  yearSummaryTables,
} from '../../domain/exports/summary-paper';
import { type Table, toWorkbook } from '../../domain/exports/table';
import { yearSummary } from '../../domain/exports/year-summary';
import { filingReader } from '../../domain/parties';
import { docxToPdf } from '../../domain/papers/pdf';
import { papersConfig } from '../../domain/papers/settings';
import { LANGUAGES } from '../../labels/keys';
import { LEADERSHIP_AND_AUDITOR } from '../../machines/roles';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { PeriodSchema } from '../reports/schemas';
import type { ZodTypeProvider } from '../zod-provider';
import type { FastifyInstance } from 'fastify';

const FORMATS = ['xlsx', 'docx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const MEDIA: Record<Format, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

const common = {
  /** The report's number in its register ("Số 15-BC/BTCTU"); blank for the clerk when absent. */
  number: z.coerce.number().int().min(1).max(99_999).optional(),
  lang: z.enum(LANGUAGES).default('vi'),
};
const byProgramme = {
  /** Only the assignments of this programme (GET /programmes); all programmes when absent. */
  programmeId: z.string().min(1).max(200).optional(),
};
const MonthQuerySchema = z.strictObject({ month: PeriodSchema, ...common, ...byProgramme });
const YearQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  ...common,
  ...byProgramme,
});

export function addSummaryRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { prisma } = deps;
  const papers = papersConfig();
  const settings = reportPaperSettings();

  const send = async (
    reply: FastifyReply,
    format: Format,
    name: string,
    tables: Table[],
    paper: SummaryPaper,
    number: number | undefined,
  ) => {
    let file: Buffer;
    if (format === 'xlsx') file = await toWorkbook(tables);
    else {
      const docx = await summaryDocx(prisma, paper, papers, settings, number);
      file = format === 'pdf' ? await docxToPdf(docx, papers.sofficePath) : docx;
    }
    return reply
      .header('content-type', MEDIA[format])
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${name}.${format}"`)
      .send(file);
  };

  const schema = (summary: string, querystring: z.ZodType, format: Format) => ({
    tags: ['exports'],
    summary,
    description:
      'Leadership and the auditor; an audited read (CONFIDENTIAL_READ) of the records counted. The .docx and .pdf are a "Báo cáo" of the Board in the Party\'s format from templates/report.vi.docx, "Số <number>-BC/BTCTU", signed by the Head of Board; the .pdf answers 503 `PAPERS_UNAVAILABLE` with Retry-After when LibreOffice is missing or busy.',
    querystring,
    response: {
      200: {
        description: `The file (${MEDIA[format]}), as an attachment`,
        content: { [MEDIA[format]]: { schema: { type: 'string', format: 'binary' } } },
      },
      413: ERROR_SCHEMAS[413],
    },
  });

  for (const format of FORMATS) {
    app.get(
      `/exports/summaries/month.${format}`,
      {
        config: { roles: LEADERSHIP_AND_AUDITOR },
        schema: schema(
          "The month's summary of the province: per area and official, the plan and the report on time, late, missed; the escalations; the ad hoc reports by urgency (a sensitive one counted, never shown)",
          MonthQuerySchema,
          format,
        ),
      },
      async (request, reply) => {
        const { month, number, lang, programmeId } = request.query as z.output<typeof MonthQuerySchema>;
        const reader = await filingReader(prisma, principal(request).actor);
        const summary = await monthSummary(prisma, reader, month, programmeId);
        await auditConfidentialRead(deps, request, {
          entityType: 'Report',
          entityId: `summary:month:${month}`,
          ids: summary.readIds,
        });
        return send(
          reply,
          format,
          `bao-cao-thang-${month}`,
          monthSummaryTables(summary, lang),
          monthSummaryPaper(summary),
          number,
        );
      },
    );

    app.get(
      `/exports/summaries/year.${format}`,
      {
        config: { roles: LEADERSHIP_AND_AUDITOR },
        schema: schema(
          "The year's evaluation summary: the ratings counted by monitoring group and by the kind of the monitored unit",
          YearQuerySchema,
          format,
        ),
      },
      async (request, reply) => {
        const { year, number, lang, programmeId } = request.query as z.output<typeof YearQuerySchema>;
        const scope = await dashboardScope(prisma, principal(request).actor, { programmeId });
        const summary = await yearSummary(prisma, scope, year);
        await auditConfidentialRead(deps, request, {
          entityType: 'AnnualEvaluation',
          entityId: `summary:year:${year}`,
          ids: summary.ids,
        });
        return send(
          reply,
          format,
          `bao-cao-danh-gia-${year}`,
          yearSummaryTables(summary, lang),
          yearSummaryPaper(summary),
          number,
        );
      },
    );
  }
}
