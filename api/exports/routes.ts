/**
 * Exports: `GET /exports/<list>.xlsx` and `GET /exports/<list>.csv`, with the list's own filters as query parameters
 * (without its paging) and `lang` (vi, en) for the headers. Each file holds every item of the list for those
 * filters, read by the list's own domain read with its confidentiality rule, under the list route's roles; an export
 * of a confidential list is an audited read, as the list is. The lists are api/exports/lists.ts; the files
 * domain/exports/table.ts (formula-looking text neutralised with a leading apostrophe).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ERROR_SCHEMAS } from '../../contracts/errors';
import {
  EXPORT_FORMATS,
  EXPORT_MAX_ROWS,
  type ExportFormat,
  MEDIA_TYPES,
  writeTable,
} from '../../domain/exports/table';
import { EXPORT_LABELS } from '../../labels/exports';
import { type Language, LANGUAGES } from '../../labels/keys';
import { auditConfidentialRead } from '../audited-read';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { LIST_EXPORTS, type ListExport } from './lists';
import { addSummaryRoutes } from './summaries';

const LangQuery = { lang: z.enum(LANGUAGES).default('vi') };

/** A list's file: every item for the filters, read by its own domain read (audited when confidential), as a table. */
export async function listFile<Query extends z.ZodType, Item>(
  deps: Pick<RouteDeps, 'prisma' | 'provider'>,
  request: FastifyRequest,
  list: ListExport<Query, Item>,
  query: z.output<Query>,
  format: ExportFormat,
  lang: Language,
): Promise<Buffer> {
  const items = await list.collect(deps, request, query);
  if (list.audit) await auditConfidentialRead(deps, request, list.audit(items, query));
  const labels = EXPORT_LABELS[lang];
  return writeTable(
    {
      sheet: labels.sheets[list.list],
      header: list.columns.map(([key]) => labels.columns[key]),
      rows: items.map((item) => list.columns.map(([, value]) => value(item))),
    },
    format,
  );
}

export const exportRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  addSummaryRoutes(fastify, deps);

  for (const list of LIST_EXPORTS) {
    const querystring = list.query.extend(LangQuery);
    for (const format of EXPORT_FORMATS) {
      const media = MEDIA_TYPES[format];
      app.get(
        `/exports/${list.path}.${format}`,
        {
          config: { roles: list.roles },
          schema: {
            tags: ['exports'],
            summary: `${EXPORT_LABELS.en.sheets[list.list]} as ${format === 'xlsx' ? 'an Excel workbook' : 'CSV (UTF-8 with BOM)'}: every item of ${list.of} for the same filters`,
            description: `The list's filters without its paging; \`lang\` names the headers' language. A text cell starting with =, +, -, @, a tab or a carriage return is written with a leading apostrophe.${list.audit ? ' An audited read (CONFIDENTIAL_READ), as the list is.' : ''} 413 \`EXPORT_TOO_LARGE\` past ${EXPORT_MAX_ROWS} rows.`,
            querystring,
            response: {
              200: {
                description: `The file (${media}), as an attachment`,
                content: { [media.split(';')[0]!]: { schema: { type: 'string', format: 'binary' } } },
              },
              413: ERROR_SCHEMAS[413],
            },
          },
        },
        async (request, reply) => {
          const { lang, ...query } = request.query as { lang: 'vi' | 'en' } & Record<string, unknown>;
          const file = await listFile(deps, request, list, query, format, lang);
          return reply
            .header('content-type', media)
            .header('x-content-type-options', 'nosniff')
            .header('content-disposition', `attachment; filename="${list.path}.${format}"`)
            .send(file);
        },
      );
    }
  }
};
