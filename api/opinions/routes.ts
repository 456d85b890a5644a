/**
 * Reserved opinions (Đ6.4: "được bảo lưu ý kiến"): a monitoring official keeps on record a proposal different from
 * the departments' or the leader in charge's, on a reply or a proposal about their area. Append-only: an opinion is
 * stored once and never changed or removed; a second opinion is a new row. There is deliberately no PUT, PATCH or
 * DELETE route. The records are domain/opinions/; who writes and reads them is machines/access.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { opinion, opinionsBy, opinionsOn, subjectParties } from '../../domain/opinions/reads';
import { recordOpinion } from '../../domain/opinions/writes';
import { confidential } from '../../domain/refusal';
import { mayReadOpinions, mayWriteOpinion } from '../../machines/access';
import { auditConfidentialRead } from '../audited-read';
import { ANY_ROLE, principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { Refusal } from '../errors';
import type { ZodTypeProvider } from '../zod-provider';
import { CreateBodySchema, MineQuerySchema, OpinionPageSchema, OpinionSchema, SubjectQuerySchema } from './schemas';

/** The monitoring officials (OFFICIAL, GROUP_LEADER) write; mayWriteOpinion then requires a part in the subject. */
const AUTHORS = ['OFFICIAL', 'GROUP_LEADER'] as const;
/** Readers of a subject's opinions: anyone with a part in it (mayReadOpinions), checked per subject. */
const READERS = ANY_ROLE;

/** A retry with the same Idempotency-Key finds the opinion it wrote; without one, a fresh id. */
function opinionIdFor(userId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey
    ? `opinion-${createHash('sha256').update(`opinion\n${userId}\n${idempotencyKey}`).digest('hex').slice(0, 32)}`
    : randomUUID();
}

export const opinionRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };

  app.post(
    '/opinions',
    {
      config: { roles: AUTHORS },
      schema: {
        tags: ['opinions'],
        summary: 'Keep a reserved opinion on record (Đ6.4): stored once, never changed; another opinion is another row',
        description:
          "Authors: the monitoring officials of the subject's assignment (the official and the members of the group); for an evaluation, the evaluated official and the group leader. Others: 403.",
        body: CreateBodySchema,
        response: { 201: OpinionSchema },
      },
    },
    async (request, reply) => {
      const { subjectType, subjectId } = request.body;
      const who = principal(request);
      const parties = await subjectParties(prisma, subjectType, subjectId);
      if (!mayWriteOpinion(who.actor, subjectType, parties)) {
        throw new Refusal(
          403,
          'FORBIDDEN',
          `Only the monitoring officials of this ${subjectType} may keep an opinion on it`,
          { reason: 'NOT_A_PARTY' },
        );
      }
      const idempotencyKey = request.idempotency?.key;
      const id = opinionIdFor(who.userId, idempotencyKey);
      await recordOpinion(
        db,
        who,
        {
          id,
          idempotencyKey: idempotencyKey ? `opinion:${who.userId}:${idempotencyKey}` : `opinion:${id}`,
          assignmentId: parties.assignmentId,
        },
        request.body,
      );
      const stored = await opinion(prisma, id);
      return reply
        .code(201)
        .header('location', `/opinions?subjectType=${subjectType}&subjectId=${encodeURIComponent(subjectId)}`)
        .send(stored);
    },
  );

  app.get(
    '/opinions',
    {
      config: { roles: READERS },
      schema: {
        tags: ['opinions'],
        summary: 'The reserved opinions on one subject, oldest first (audited read)',
        description:
          "Readers: Board leadership, the auditor and the subject's monitoring officials; for an evaluation, those who see its rating (not the area committee). Others: 403.",
        querystring: SubjectQuerySchema,
        response: { 200: OpinionPageSchema },
      },
    },
    async (request) => {
      const { subjectType, subjectId, limit, cursor } = request.query;
      const { actor } = principal(request);
      const parties = await subjectParties(prisma, subjectType, subjectId);
      if (!mayReadOpinions(actor, subjectType, parties))
        throw confidential(`The opinions on ${subjectType} ${subjectId}`);
      const page = await opinionsOn(prisma, { subjectType, subjectId }, { limit, cursor });
      // Dissent on personnel matters is itself confidential: the read is audited like an evaluation's.
      await auditConfidentialRead(db, request, {
        entityType: 'ReservedOpinion',
        entityId: `${subjectType}:${subjectId}`,
        assignmentId: parties.assignmentId,
        ids: page.items.map((o) => o.id),
      });
      return page;
    },
  );

  app.get(
    '/opinions/mine',
    {
      config: { roles: ANY_ROLE },
      schema: {
        tags: ['opinions'],
        summary: "The caller's own reserved opinions, newest first",
        querystring: MineQuerySchema,
        response: { 200: OpinionPageSchema },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return opinionsBy(prisma, principal(request).actor.id, { limit, cursor });
    },
  );
};
