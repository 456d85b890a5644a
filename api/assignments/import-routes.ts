import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { LEADERSHIP } from '../../machines/roles';
import { importRoster } from './import';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { uploadedFile } from '../organisation/schemas';
import { ImportRosterBodySchema } from './schemas';

const ImportedRowSchema = z.object({
  line: z.number().int(),
  assignmentId: z.string(),
  areaId: z.string(),
  officialId: z.string(),
  decisionNumber: z.string(),
  effectiveFrom: z.string(),
});

/** What the import started, and what an earlier import of the same decisions had already started. */
const ImportResultSchema = z.object({
  file: z.string(),
  importedOn: z.string(),
  imported: z.array(ImportedRowSchema),
  alreadyImported: z.array(ImportedRowSchema),
});

/**
 * `POST /assignments/import`: the assignments already in force when the province moves in, each
 * with its original decision, start date, group and leader; all rows or none (domain/assignments/import.ts).
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
          'A file past the import bounds (domain/imports/limits.ts: 5,000 rows, a workbook of 16 MiB once inflated) is ' +
          'refused with 413 IMPORT_TOO_LARGE naming the rule and the limit. ' +
          'Idempotent by decision number: the same file again imports nothing new.',
        body: ImportRosterBodySchema,
        response: { 200: ImportResultSchema },
      },
    },
    async (request) =>
      importRoster(
        { prisma, temporal, taskQueue },
        {
          ...uploadedFile(request.body),
          actor: principal(request).actor,
        },
      ),
  );
};
