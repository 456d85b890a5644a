import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Prisma } from '../../prisma/database';
import { STAFF_ROLES } from '../auth/plugin';
import { AssignmentSummarySchema } from '../../contracts/directory';
import {
  ASSIGNMENT_STATES,
  assignmentSummary,
  assignmentSummarySelect,
  stateWhere,
} from '../../domain/directory/views';
import { pageArgs, pageQuery, pageSchema, toPage } from '../pagination';
import type { RouteDeps } from '../deps';
import { searchQuery, textMatcher } from '../text-match';
import type { ZodTypeProvider } from '../zod-provider';

const AssignmentListQuerySchema = z.strictObject({
  ...pageQuery,
  officialId: z.string().min(1).max(200).optional(),
  areaId: z.string().min(1).max(200).optional(),
  /** A state of the assignment machine; `active` stands for serving, rotation eligible and rotation due. */
  state: z.enum(ASSIGNMENT_STATES).optional(),
  /** Part of the area's or the official's name (or code); diacritics as typed, any case. */
  q: searchQuery,
});

/**
 * `GET /assignments`: every assignment, proposals and closed ones included, newest first, for Board staff and the
 * auditor's search. Written decisions are not personnel details (see directory.ts), so the list is not audited.
 */
export const assignmentListRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/assignments',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['assignments'],
        summary: 'Assignments, newest first, by official, area, state or a name search',
        querystring: AssignmentListQuerySchema,
        response: { 200: pageSchema(AssignmentSummarySchema) },
      },
    },
    async (request) => {
      const { limit, officialId, areaId, state, q } = request.query;
      const where: Prisma.AssignmentWhereInput = {
        ...(officialId && { officialId }),
        ...(areaId && { areaId }),
        ...(state && stateWhere(state)),
      };
      if (q) {
        // Names are matched in process (api/text-match.ts), over the two directory tables, then the assignments by id.
        const matches = textMatcher(q);
        const [areas, officials] = await Promise.all([
          prisma.area.findMany({ select: { id: true, code: true, name: true } }),
          prisma.official.findMany({ select: { id: true, code: true, fullName: true } }),
        ]);
        where.AND = {
          OR: [
            { areaId: { in: areas.filter((a) => matches(a.name, a.code)).map((a) => a.id) } },
            { officialId: { in: officials.filter((o) => matches(o.fullName, o.code)).map((o) => o.id) } },
          ],
        };
      }
      const rows = await prisma.assignment.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        ...pageArgs(request.query),
        select: assignmentSummarySelect,
      });
      return toPage(rows, limit, assignmentSummary);
    },
  );
};
