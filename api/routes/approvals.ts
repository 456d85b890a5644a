import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { principal } from '../auth/plugin';
import { factsFilter, type FactsFilter, restsOnConfidentialGround } from '../../domain/confidential-facts';
import { readerOf } from '../audited-read';
import { LEADERSHIP } from '../../machines/roles';
import type { ZodTypeProvider } from '../zod-provider';

const InboxQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The id of the last request of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
});

/** `GET /approvals/inbox`: proposals waiting for Board leadership, oldest first. */
export const approvalRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/approvals/inbox',
    {
      config: { roles: LEADERSHIP },
      schema: {
        tags: ['approvals'],
        summary: 'Proposals waiting for Board leadership, oldest first',
        description:
          'A proposal resting on a complaint or an evaluation (its ground) is listed only to those who may read that complaint or evaluation, as an audited read; a page may then hold fewer than `limit` (Đ7.A.6).',
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
      const page = rows.slice(0, limit);
      // Never the proposal resting on a complaint about the caller (Đ7.A.6); the others resting on one are audited reads.
      const { actor } = principal(request);
      const filters = new Map<string, FactsFilter | null>();
      for (const row of page)
        if (restsOnConfidentialGround(row.payload) && !filters.has(row.assignmentId))
          filters.set(row.assignmentId, await factsFilter(prisma, actor, row.assignmentId));
      const items = page.filter((row) => filters.get(row.assignmentId)?.seesProposal(row.id) ?? true);
      for (const filter of filters.values()) await filter?.audit({ prisma, provider }, readerOf(request));
      return { items, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
    },
  );
};
