import type { FastifyPluginAsync } from 'fastify';
import { ApprovalInboxSchema } from '../../contracts/assignments';
import { LEADERSHIP } from '../../machines/roles';
import { visibleInbox } from '../../domain/approvals/inbox';
import { readerOf } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { InboxQuerySchema } from './schemas';

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
        response: { 200: ApprovalInboxSchema },
      },
    },
    async (request) => {
      const { items, nextCursor, filters } = await visibleInbox(prisma, principal(request).actor, request.query);
      // The proposals shown resting on a complaint or an evaluation are audited reads.
      for (const filter of filters) await filter.audit({ prisma, provider }, readerOf(request));
      // The workflow stores each proposal's fields as an object (the schema checks it on the way out).
      return {
        items: items.map((row) => ({ ...row, payload: row.payload as Record<string, unknown> | null })),
        nextCursor,
      };
    },
  );
};
