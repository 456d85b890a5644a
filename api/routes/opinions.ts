/**
 * Reserved opinions (Đ6.4: "được bảo lưu ý kiến"): a monitoring official keeps on record a proposal different from
 * the departments' or the leader in charge's, on a reply or a proposal about their area. Append-only: an opinion is
 * stored once and never changed or removed; a second opinion is a new row. There is deliberately no PUT, PATCH or
 * DELETE route. Each opinion is written in one transaction with its audit row.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { recordOnce } from '../../domain/audit/log';
import type { PrismaClient, ReservedOpinion } from '../../prisma/database';
import { auditConfidentialRead } from '../audited-read';
import { ANY_ROLE, principal } from '../auth/plugin';
import { assignmentParties } from '../../domain/parties';
import { type AssignmentParties, mayReadOpinions, mayWriteOpinion } from '../../machines/access';
import { confidential } from '../../domain/refusal';
import { Refusal, notFound } from '../errors';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { OpinionPageSchema, OpinionSchema } from '../../contracts/opinions';

export const OPINION_RECORDED = 'RESERVED_OPINION_RECORDED';

/**
 * What an opinion can be about, and how each is addressed:
 * - `Assignment`: the assignment id;
 * - `ApprovalRequest`: the request id (a proposal leadership decides);
 * - `AnnualEvaluation`: `<assignmentId>/<year>` (as the evaluation's `opinionSubject` says);
 * - `MonthlyReport`: `<assignmentId>/<period>` (YYYY-MM).
 */
const SUBJECT_TYPES = ['Assignment', 'ApprovalRequest', 'AnnualEvaluation', 'MonthlyReport'] as const;
type SubjectType = (typeof SUBJECT_TYPES)[number];
const SubjectTypeSchema = z.enum(SUBJECT_TYPES);
const SubjectIdSchema = z.string().trim().min(1).max(300);

/** The monitoring officials (OFFICIAL, GROUP_LEADER) write; mayWriteOpinion then requires a part in the subject. */
const AUTHORS = ['OFFICIAL', 'GROUP_LEADER'] as const;
/** Readers of a subject's opinions: anyone with a part in it (mayReadOpinions), checked per subject. */
const READERS = ANY_ROLE;

const CreateBodySchema = z.strictObject({
  subjectType: SubjectTypeSchema,
  subjectId: SubjectIdSchema,
  text: z.string().trim().min(1, 'the opinion needs its text').max(20_000),
});

const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The id of the last opinion of the previous page (`nextCursor`). */
  cursor: z.string().min(1).max(200).optional(),
};
const SubjectQuerySchema = z.strictObject({ subjectType: SubjectTypeSchema, subjectId: SubjectIdSchema, ...page });
const MineQuerySchema = z.strictObject(page);

const present = (o: ReservedOpinion) => ({
  id: o.id,
  authorId: o.authorId,
  subjectType: o.subjectType,
  subjectId: o.subjectId,
  text: o.text,
  createdAt: o.createdAt.toISOString(),
});

const badSubjectId = (message: string) =>
  new Refusal(400, 'INVALID_INPUT', 'The request is invalid', { issues: [{ path: 'subjectId', message }] });

/** The assignment a subject belongs to; 400 for a malformed id, 404 for a subject that does not exist. */
async function subjectAssignment(prisma: PrismaClient, subjectType: SubjectType, subjectId: string): Promise<string> {
  const missing = () => notFound(subjectType, subjectId);
  switch (subjectType) {
    case 'Assignment': {
      const row = await prisma.assignment.findUnique({ where: { id: subjectId }, select: { id: true } });
      if (!row) throw missing();
      return row.id;
    }
    case 'ApprovalRequest': {
      const row = await prisma.approvalRequest.findUnique({ where: { id: subjectId }, select: { assignmentId: true } });
      if (!row) throw missing();
      return row.assignmentId;
    }
    case 'AnnualEvaluation': {
      const match = /^(.+)\/(\d{4})$/.exec(subjectId);
      if (!match) throw badSubjectId('an evaluation is addressed as <assignmentId>/<year>');
      const row = await prisma.annualEvaluation.findUnique({
        where: { assignmentId_year: { assignmentId: match[1]!, year: Number(match[2]) } },
        select: { assignmentId: true },
      });
      if (!row) throw missing();
      return row.assignmentId;
    }
    case 'MonthlyReport': {
      const match = /^(.+)\/(\d{4}-\d{2}(?:-adhoc-\d+)?)$/.exec(subjectId);
      if (!match) throw badSubjectId('a monthly report is addressed as <assignmentId>/<YYYY-MM>');
      const row = await prisma.monthlyReport.findUnique({
        where: { assignmentId_period: { assignmentId: match[1]!, period: match[2]! } },
        select: { assignmentId: true },
      });
      if (!row) throw missing();
      return row.assignmentId;
    }
  }
}

/** A retry with the same Idempotency-Key finds the opinion it wrote; without one, a fresh id. */
function opinionIdFor(userId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey
    ? `opinion-${createHash('sha256').update(`opinion\n${userId}\n${idempotencyKey}`).digest('hex').slice(0, 32)}`
    : randomUUID();
}

export const opinionRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };

  const partiesOf = async (subjectType: SubjectType, subjectId: string): Promise<AssignmentParties> => {
    const assignmentId = await subjectAssignment(prisma, subjectType, subjectId);
    const parties = await assignmentParties(prisma, assignmentId);
    if (!parties) throw notFound('assignment', assignmentId);
    return parties;
  };

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
      const { subjectType, subjectId, text } = request.body;
      const who = principal(request);
      const parties = await partiesOf(subjectType, subjectId);
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
      const createdAt = new Date();
      await recordOnce(
        db,
        {
          idempotencyKey: idempotencyKey ? `opinion:${who.userId}:${idempotencyKey}` : `opinion:${id}`,
          at: createdAt.toISOString(),
          actorId: who.actor.id,
          action: OPINION_RECORDED,
          entityType: 'ReservedOpinion',
          entityId: id,
          assignmentId: parties.assignmentId,
          // The text stays out of the audit payload, like every confidential content.
          payload: { subjectType, subjectId, userId: who.userId },
        },
        async (tx) => {
          await tx.reservedOpinion.create({
            data: { id, authorId: who.actor.id, subjectType, subjectId, text, createdAt },
          });
        },
      );
      const stored = await prisma.reservedOpinion.findUniqueOrThrow({ where: { id } });
      return reply
        .code(201)
        .header('location', `/opinions?subjectType=${subjectType}&subjectId=${encodeURIComponent(subjectId)}`)
        .send(present(stored));
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
      const parties = await partiesOf(subjectType, subjectId);
      if (!mayReadOpinions(actor, subjectType, parties))
        throw confidential(`The opinions on ${subjectType} ${subjectId}`);
      const rows = await prisma.reservedOpinion.findMany({
        where: { subjectType, subjectId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: limit + 1,
        ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      });
      const kept = rows.slice(0, limit);
      // Dissent on personnel matters is itself confidential: the read is audited like an evaluation's.
      await auditConfidentialRead(db, request, {
        entityType: 'ReservedOpinion',
        entityId: `${subjectType}:${subjectId}`,
        assignmentId: parties.assignmentId,
        ids: kept.map((o) => o.id),
      });
      return { items: kept.map(present), nextCursor: rows.length > limit ? kept.at(-1)!.id : null };
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
      const rows = await prisma.reservedOpinion.findMany({
        where: { authorId: principal(request).actor.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      });
      const kept = rows.slice(0, limit);
      return { items: kept.map(present), nextCursor: rows.length > limit ? kept.at(-1)!.id : null };
    },
  );
};
