import type { FastifyPluginAsync } from 'fastify';
import { AssignmentSummarySchema } from '../../contracts/directory';
import { assignmentsPage } from '../../domain/assignments/reads';
import { STAFF_ROLES } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { pageSchema } from '../pagination';
import type { ZodTypeProvider } from '../zod-provider';
import { AssignmentListQuerySchema } from './schemas';

/**
 * `GET /assignments`: every assignment, proposals and closed ones included, newest first, for Board staff and the
 * auditor's search. Written decisions are not personnel details (see api/directory/), so the list is not audited.
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
    async (request) => assignmentsPage(prisma, request.query),
  );
};
