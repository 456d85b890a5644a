import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { LEADERSHIP } from '../../machines/roles';
import { importRoster } from '../assignments/import';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';

export const ImportRosterBodySchema = z
  .strictObject({
    /** The file's name, recorded in each imported assignment's timeline. */
    file: z.string().trim().min(1, 'the file needs its name').max(200),
    /** A CSV file's text: the columns of api/assignments/roster-csv.ts. */
    content: z.string().min(1, 'the file is empty').max(900_000).optional(),
    /** An .xlsx workbook's bytes in base64: its first sheet, the same columns (api/assignments/roster-xlsx.ts). */
    contentBase64: z.base64('an .xlsx file is sent in base64').min(1, 'the file is empty').max(900_000).optional(),
  })
  .refine((body) => (body.content === undefined) !== (body.contentBase64 === undefined), {
    message: 'send the file as content (CSV text) or as contentBase64 (an .xlsx workbook), one of them',
    path: ['content'],
  });

/**
 * `POST /assignments/import` (issue 11, point 11): the assignments already in force when the province moves in, each
 * with its original decision, start date, group and leader; all rows or none (api/assignments/import.ts).
 */
export const assignmentImportRoutes: FastifyPluginAsync<RouteDeps> = async (
  fastify,
  { prisma, temporal, taskQueue },
) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/assignments/import',
    {
      // Two Temporal calls a row: the whole file under one bound of its own, still bounded (a 504 leaves the rows
      // started so far in place; the same file again starts the rest).
      config: { roles: ['ADMINISTRATOR', ...LEADERSHIP], temporalCallBoundMs: 120_000 },
      schema: {
        tags: ['assignments'],
        summary:
          'Imports the assignments already in force from a roster file (CSV, or an .xlsx workbook in base64): nothing before the import day is charged, rotation tiers count from the real start',
        description:
          'Columns: area, official, start, decision_number, decision_date, signer, group, leader (codes or ids). Every row is checked first; ' +
          'one bad row refuses the file with 422 IMPORT_REFUSED listing each bad row (line, column, rule, message). ' +
          'Idempotent by decision number: the same file again imports nothing new.',
        body: ImportRosterBodySchema,
      },
    },
    async (request) =>
      importRoster(
        { prisma, temporal, taskQueue },
        {
          file: request.body.file,
          content: request.body.content ?? Buffer.from(request.body.contentBase64!, 'base64'),
          actor: principal(request).actor,
        },
      ),
  );
};
