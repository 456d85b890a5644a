import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { LEADERSHIP } from '../../machines/roles';
import type { ZodTypeProvider } from '../zod-provider';

const InboxQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The id of the last request of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
});

/** `GET /approvals/inbox`: proposals waiting for Board leadership, oldest first. */
export const approvalRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/approvals/inbox',
    {
      config: { roles: LEADERSHIP },
      schema: {
        tags: ['approvals'],
        summary: 'Proposals waiting for Board leadership, oldest first',
        querystring: InboxQuerySchema,
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await prisma.approvalRequest.findMany({
        where: { status: 'PENDING' },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: limit + 1,
        ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      });
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
    },
  );
};
