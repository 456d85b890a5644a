import type { FastifyPluginAsync } from 'fastify';
import { STAFF_ROLES } from '../auth/plugin';
import { notFound } from '../errors';
import type { RouteDeps } from '../server';
import { timelineLabel } from '../timeline-labels';
import { IdParamsSchema } from './assignments';

/** `GET /assignments/:id/timeline`: the assignment's audit trail, oldest first, each step labelled in Vietnamese. */
export const timelineRoutes: FastifyPluginAsync<RouteDeps> = async (app, { prisma }) => {
  app.get('/assignments/:id/timeline', { config: { roles: STAFF_ROLES } }, async (request) => {
    const { id } = IdParamsSchema.parse(request.params);
    const events = await prisma.auditEvent.findMany({ where: { assignmentId: id }, orderBy: { seq: 'asc' } });
    if (events.length === 0 && !(await prisma.assignment.findUnique({ where: { id }, select: { id: true } }))) throw notFound('assignment', id);
    return {
      assignmentId: id,
      events: events.map((e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        action: e.action,
        label: timelineLabel(e.action),
        actorId: e.actorId,
        entityType: e.entityType,
        fromState: e.fromState,
        toState: e.toState,
        decisionNumber: e.decisionNumber,
      })),
    };
  });
};
