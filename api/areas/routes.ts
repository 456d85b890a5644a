/**
 * Areas on today's map, kept by the administrator: one by one or from a file, each with its official code, level,
 * kind, parent and first day. The reads (GET /areas?asOf=, GET /areas/:id with names, predecessors and successors) are
 * the directory's (api/directory/); changes to the map after that are reorganisations (api/reorganisations/).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Role } from '../../machines/actor';
import { importAreas } from '../../domain/areas/import';
import { createArea } from '../../domain/areas/writes';
import { AreaCreatedSchema, AreasImportResultSchema } from '../../contracts/areas';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { keyedUuid } from '../keyed-ids';
import type { ZodTypeProvider } from '../zod-provider';
import { uploadedFile } from '../organisation/schemas';
import { AreaBodySchema, ImportAreasBodySchema } from './schemas';
import { areaCreated } from '../../domain/areas/reads';

const KEEPERS: readonly Role[] = ['ADMINISTRATOR'];

export const areaRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const db = { prisma: deps.prisma, provider: deps.provider };
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['areas'];

  app.post(
    '/areas',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: 'Enters an area: code, official code, name, level, kind, parent, first day',
        description:
          'Refused with 422 RuleViolated naming the rule (`rule`) and the field: INVALID_OFFICIAL_CODE (2 digits for a province, 5 for a commune), ' +
          'OFFICIAL_CODE_WITHOUT_LEVEL, KIND_NOT_OF_LEVEL, AREA_CODE_TAKEN, OFFICIAL_CODE_REUSED (an official code is never given to another unit), UNKNOWN_PARENT.',
        body: AreaBodySchema,
        response: { 201: AreaCreatedSchema },
      },
    },
    async (request, reply) => {
      const id = `area-${keyedUuid('areas-area', request)}`;
      await createArea(db, principal(request), id, request.body);
      return reply.code(201).send(await areaCreated(deps.prisma, id));
    },
  );

  app.post(
    '/areas/import',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: 'Imports areas from a file (CSV, or an .xlsx workbook in base64): all lines or none',
        description:
          'Columns: code, official_code, name, level, kind, parent (code, official code or id), valid_from. Every line is checked first; one bad line refuses the file ' +
          'with 422 IMPORT_REFUSED listing each problem (line, column, rule, message); past a bound, 413 IMPORT_TOO_LARGE. ' +
          'A code already on record under the same name is reported as already present: the same file again writes nothing.',
        body: ImportAreasBodySchema,
        response: { 200: AreasImportResultSchema },
      },
    },
    async (request) => importAreas(db, principal(request), uploadedFile(request.body)),
  );
};
