/**
 * The commune Party committee's year-end comment form on the agency leader who monitors it: the committee reads the
 * requests made to it and sends its form or says it cannot comment; the agency's head, the Standing Committee's
 * members, the auditor (and the leader, when the programme's version says so) read it; Board leadership reads the
 * requests for another monitor. Who sees what is machines/commune-comment.ts; every read is audited (CONFIDENTIAL_READ
 * on CommuneComment) before the answer leaves. The form's steps are its workflow's updates, recorded with their audit
 * rows.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CommuneCommentListSchema, CommuneCommentSchema } from '../../contracts/commune-comments';
import { communeComment, communeComments } from '../../domain/commune-comments/reads';
import { Refusal } from '../../domain/refusal';
import { COMMENT_READERS, communeCommentWorkflowId, OPEN_COMMENT_STATES } from '../../machines/commune-comment';
import type { Role } from '../../machines/roles';
import { exemptCommentUpdate, submitCommentUpdate } from '../../workflows/commune-comment.messages';
import { TRANSITION_REFUSED } from '../../workflows/refusal';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { keyedUpdateId } from '../keyed-ids';
import type { ZodTypeProvider } from '../zod-provider';
import {
  CommentExemptionBodySchema,
  CommentListQuerySchema,
  CommentParamsSchema,
  CommentSubmissionBodySchema,
} from './schemas';

const READERS = COMMENT_READERS;
const COMMITTEES = ['AREA_COMMITTEE'] as const satisfies readonly Role[];
const ENTITY = 'CommuneComment';

export const communeCommentRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider, temporal }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };
  const tags = ['commune-comments'];
  const readerOf = (request: Parameters<typeof principal>[0]) => {
    const { userId, actor } = principal(request);
    return { userId, roles: actor.roles, areaId: actor.areaId };
  };

  app.get(
    '/commune-comments',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: "The year's comment forms the caller may see (audited read)",
        description:
          "A commune's committee: the forms requested of it. The agency's head: its leaders'. The Standing Committee's members and the auditor: all. The leader monitored: their own only when the programme's version says so (`yearly.comment.leaderReadsComment`). Board leadership: every form without its texts (visibility GROUND: state, level, request for another monitor). `requestsAnotherMonitor=true`: only the forms asking the Standing Committee for another monitor, the grounds it decides on. Audited (CONFIDENTIAL_READ on CommuneComment, with the ids returned).",
        querystring: CommentListQuerySchema,
        response: { 200: CommuneCommentListSchema },
      },
    },
    async (request) => {
      const { year, requestsAnotherMonitor } = request.query;
      const items = await communeComments(prisma, readerOf(request), {
        year,
        requestsAnotherMonitor: requestsAnotherMonitor === undefined ? undefined : requestsAnotherMonitor === 'true',
      });
      await auditConfidentialRead(db, request, {
        entityType: ENTITY,
        entityId: `year-${year}`,
        ids: items.map((c) => c.id),
      });
      return { year, items };
    },
  );

  app.get(
    '/commune-comments/:id',
    {
      config: { roles: READERS },
      schema: {
        tags,
        summary: 'One comment form, as much of it as the caller may see (audited read)',
        description:
          "The same visibility as the list; 403 for a caller with no part in it (another commune's committee, the leader monitored unless the version says so, another agency's head), 404 for an unknown form or one not yet requested.",
        params: CommentParamsSchema,
        response: { 200: CommuneCommentSchema },
      },
    },
    async (request) => {
      const answer = await communeComment(prisma, readerOf(request), request.params.id);
      await auditConfidentialRead(db, request, { entityType: ENTITY, entityId: answer.id });
      return answer;
    },
  );

  /** A committee's step on its form: the form read first (404, 403), refused once settled (409), then the update. */
  const committeeStep = (path: string, summary: string, description: string, send: 'submit' | 'exempt') =>
    app.post(
      `/commune-comments/:id/${path}`,
      {
        config: { roles: COMMITTEES },
        schema: {
          tags,
          summary,
          description,
          params: CommentParamsSchema,
          body: send === 'submit' ? CommentSubmissionBodySchema : CommentExemptionBodySchema,
          response: { 200: CommuneCommentSchema },
        },
      },
      async (request) => {
        const reader = readerOf(request);
        const form = await communeComment(prisma, reader, request.params.id);
        if (!OPEN_COMMENT_STATES.includes(form.state))
          throw new Refusal(409, TRANSITION_REFUSED, `The form is ${form.state}: nothing is allowed any more`, {
            state: form.state,
            allowedEvents: [],
          });
        const handle = temporal.workflow.getHandle(communeCommentWorkflowId(form.linkId));
        const actor = principal(request).actor;
        const updateId = keyedUpdateId(request);
        if (send === 'submit')
          await handle.executeUpdate(submitCommentUpdate, {
            args: [{ actor, form: CommentSubmissionBodySchema.parse(request.body) }],
            updateId,
          });
        else
          await handle.executeUpdate(exemptCommentUpdate, {
            args: [{ actor, exemption: CommentExemptionBodySchema.parse(request.body) }],
            updateId,
          });
        return communeComment(prisma, reader, form.id);
      },
    );

  committeeStep(
    'submission',
    "The commune committee's comment form: a completion level, a text per criterion, perhaps a request for another monitor",
    "Only the commune's own committee (403 for another's: the form is not theirs to see). The criteria are the version's (`questions`), each answered once (422 RuleViolated COMMENT_CRITERIA_MISMATCH); a request for another monitor carries its reason (400 naming `anotherMonitor.reason` without one) and becomes a ground the Standing Committee decides (GET /commune-comments?requestsAnotherMonitor=true). Accepted late too, recorded late; 409 once sent, exempted or closed. Audited (COMMUNE_COMMENT_SUBMITTED); idempotent under its Idempotency-Key.",
    'submit',
  );
  committeeStep(
    'exemption',
    'The commune committee says it cannot comment this year, with a reason',
    "For instance the leader was appointed too recently. Only the commune's own committee; 409 once sent, exempted or closed. Audited (COMMUNE_COMMENT_EXEMPTED); idempotent under its Idempotency-Key.",
    'exempt',
  );
};
