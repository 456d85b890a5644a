import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../machines/actor';
import { ActorNames } from '../../domain/actor-names';
import { visibleTimeline } from '../../domain/timeline/reads';
import { successionLabel } from '../../labels/area-history';
import { readerOf } from '../audited-read';
import { principal, STAFF_ROLES } from '../auth/plugin';
import { isAuditor } from '../../machines/access';
import { Refusal } from '../errors';
import type { RouteDeps } from '../deps';
import { type Language, LANGUAGES, systemActorName, timelineLabel } from './labels';
import type { Succession } from '../../domain/areas-history/reads';
import type { ZodTypeProvider } from '../zod-provider';
import { IdParamsSchema } from '../params';
import { TimelineSchema } from '../../contracts/timeline';

const TimelineQuerySchema = z.strictObject({
  lang: z.enum(LANGUAGES).default('vi'),
  /** Confidential reads are part of the trail but not of the story; the auditor (only) asks for them explicitly. */
  includeReads: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** `GET /assignments/:id/timeline`: the assignment's audit trail, oldest first, each step labelled (Vietnamese by default). */
export const timelineRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const actorNames = new ActorNames(prisma);
  app.get(
    '/assignments/:id/timeline',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['assignments', 'audit'],
        summary:
          'The human-readable history: proposals, decisions with their approver and document, deadlines missed, escalations, ratings, closing',
        description:
          'Complaint and evaluation steps, the grounds they establish and the proposals resting on those appear only to those who may read that complaint or evaluation (as GET /complaints/{id} and the evaluation routes decide), and each such read is audited; others see no trace of them (Đ7.A.6).',
        params: IdParamsSchema,
        querystring: TimelineQuerySchema,
        response: { 200: TimelineSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { lang, includeReads } = request.query;
      const { actor } = principal(request);
      // Who read which confidential record is itself confidential: the internal security department's (Đ13.3).
      if (includeReads && !isAuditor(actor)) {
        throw new Refusal(403, 'FORBIDDEN', 'Only the auditor may see who read what (includeReads=true)', {
          requiredRoles: ['AUDITOR'],
        });
      }
      const { filter, steps: events, area } = await visibleTimeline(prisma, actor, id, { includeReads });
      // Those shown of the complaint and evaluation facts are audited reads.
      await filter.audit({ prisma, provider }, readerOf(request));
      const names = await actorNames.of(
        events.flatMap((e) => (e.actorId && e.actorId !== SYSTEM_ACTOR.id ? [e.actorId] : [])),
      );
      return {
        assignmentId: id,
        // The unit under its name of the time, and what became of it (the latest change).
        area: {
          id: area.id,
          name: area.name,
          officialCode: area.officialCode,
          note: noteOf(area.successions, lang),
        },
        events: events.map((e) => ({
          seq: e.seq,
          at: e.at.toISOString(),
          action: e.action,
          label: timelineLabel(e.action, lang),
          actorId: e.actorId,
          actorName:
            !e.actorId || e.actorId === SYSTEM_ACTOR.id ? systemActorName(lang) : (names.get(e.actorId) ?? null),
          entityType: e.entityType,
          fromState: e.fromState,
          toState: e.toState,
          decisionNumber: e.decisionNumber,
          // An assignment in force brought in by import: from which file and line.
          ...(e.imported && { imported: e.imported }),
          ...(e.policyVersion && { policyVersion: e.policyVersion }),
        })),
      };
    },
  );
};

function noteOf(successions: Succession[], lang: Language): string | null {
  const last = successions.at(-1);
  return last
    ? successionLabel(
        last.kind,
        last.area.name,
        last.successors.map((a) => a.name),
        last.effectiveOn,
        lang,
      )
    : null;
}
