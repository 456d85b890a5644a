/**
 * The group's own sessions (Đ7.B.2 'Trưởng nhóm chủ trì sinh hoạt nhóm'; seed 002: quarterly experience-sharing):
 * the group leader records one (members present, matters raised by the areas, conclusions, who does what); each
 * quarter without one is flagged by the group's watch workflow (started by session-watch.ts) and listed on the
 * leadership dashboard. The records are domain/group-sessions/.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  groupExists,
  groupMembers,
  groupSession,
  groupSessions,
  groupSessionsDashboard,
} from '../../domain/group-sessions/reads';
import { recordGroupSession } from '../../domain/group-sessions/writes';
import { programmeFilter } from '../../domain/programmes/reads';
import { dayOf } from '../../machines/calendar';
import { DaySchema } from '../../machines/day';
import { DASHBOARD_READERS, hasAnyRole, LEADERSHIP_AND_AUDITOR, STAFF } from '../../machines/roles';
import { GroupSessionFormSchema } from '../../workflows/meeting.schemas';
import { RULE_VIOLATED } from '../../workflows/refusal';
import { principal } from '../auth/plugin';
import { confidential } from '../../domain/refusal';
import type { RouteDeps } from '../deps';
import { Refusal, notFound } from '../errors';
import { ensureGroupSessionWatch } from './session-watch';
import { keyedUuid } from '../keyed-ids';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';

export const GroupSessionBodySchema = GroupSessionFormSchema.extend({ heldOn: DaySchema });

const SessionSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  heldOn: z.string(),
  quarter: z.string(),
  presentIds: z.array(z.string()),
  matters: z.string(),
  conclusions: z.string(),
  tasks: z.array(z.object({ officialId: z.string(), task: z.string() })),
  recordedById: z.string(),
  recordedAt: z.string(),
});

const ruleViolated = (rule: string, message: string) => new Refusal(422, RULE_VIOLATED, message, { rule });

export const groupSessionRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma, provider, temporal, taskQueue } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/groups/:id/sessions',
    {
      config: { roles: ['GROUP_LEADER'] },
      schema: {
        tags: ['groups'],
        summary:
          "Record a session of the group, chaired by its leader (Đ7.B.2): who was present, the areas' matters, conclusions, tasks",
        description:
          '422 NOT_THE_GROUP_LEADER for another group; NOT_A_MEMBER when someone present or tasked is not of the group.',
        params: IdParamsSchema,
        body: GroupSessionBodySchema,
        response: { 201: SessionSchema },
      },
    },
    async (request, reply) => {
      const groupId = request.params.id;
      const caller = principal(request);
      const { actor } = caller;
      if (!(await groupExists(prisma, groupId))) throw notFound('group', groupId);
      const current = await groupMembers(prisma, groupId);
      if (!current.some((m) => m.isLeader && m.officialId === actor.id))
        throw ruleViolated('NOT_THE_GROUP_LEADER', "The group's own leader records its sessions (Đ7.B.2)");
      const body = request.body;
      if (body.heldOn > dayOf(Date.now())) {
        throw new Refusal(400, 'INVALID_INPUT', 'The request is invalid', {
          issues: [{ path: 'heldOn', message: 'a session is recorded once held' }],
        });
      }
      const ids = new Set(current.map((m) => m.officialId));
      if ([...body.presentIds, ...body.tasks.map((t) => t.officialId)].some((id) => !ids.has(id)))
        throw ruleViolated('NOT_A_MEMBER', 'Those present and tasked are members of the group');
      const id = keyedUuid('group-session', request);
      await recordGroupSession({ prisma, provider }, caller, { id, groupId }, body);
      await ensureGroupSessionWatch(temporal, taskQueue, groupId);
      return reply.code(201).send(await groupSession(prisma, id));
    },
  );

  app.get(
    '/groups/:id/sessions',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['groups'],
        summary: "The group's sessions, newest first, and its quarters flagged without one",
        description: "The group's members, leadership and the auditor; others 403.",
        params: IdParamsSchema,
        response: {
          200: z.object({
            items: z.array(SessionSchema),
            flaggedQuarters: z.array(z.object({ quarter: z.string(), flaggedAt: z.iso.datetime() })),
          }),
        },
      },
    },
    async (request) => {
      const groupId = request.params.id;
      const { actor } = principal(request);
      const current = await groupMembers(prisma, groupId);
      if (!hasAnyRole(actor, LEADERSHIP_AND_AUDITOR) && !current.some((m) => m.officialId === actor.id))
        throw confidential(`The sessions of group ${groupId}`);
      return groupSessions(prisma, groupId);
    },
  );

  app.get(
    '/dashboard/group-sessions',
    {
      config: { roles: DASHBOARD_READERS },
      schema: {
        tags: ['dashboard'],
        summary:
          "Each group's sessions this quarter beside the policy's minimum, its last session, and quarters flagged",
        description:
          "With `programmeId`, the groups monitoring an area under one of the programme's assignments not closed, beside its version's minimum (404 naming `programmeId` for an unknown programme).",
        querystring: z.strictObject({
          /** The programme whose groups to show (GET /programmes); every group when absent. */
          programmeId: z.string().min(1).max(200).optional(),
        }),
        response: {
          200: z.object({
            quarter: z.string(),
            minimumPerQuarter: z.number().int(),
            groups: z.array(
              z.object({
                groupId: z.string(),
                name: z.string(),
                leaderId: z.string().nullable(),
                sessionsThisQuarter: z.number().int(),
                lastSessionOn: z.string().nullable(),
                flaggedQuarters: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { programmeId } = request.query;
      if (programmeId) await programmeFilter(prisma, programmeId);
      return groupSessionsDashboard(prisma, Date.now(), programmeId);
    },
  );
};
