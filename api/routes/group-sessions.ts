/**
 * The group's own sessions (Đ7.B.2 'Trưởng nhóm chủ trì sinh hoạt nhóm'; seed 002: quarterly experience-sharing):
 * the group leader records one (members present, matters raised by the areas, conclusions, who does what); each
 * quarter without one is flagged by the group's watch workflow and listed on the leadership dashboard.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { recordOnce } from '../../domain/audit/log';
import { dayOf } from '../../machines/calendar';
import { DaySchema } from '../../machines/day';
import { quarterOf } from '../../machines/meeting-policy';
import { DEFAULT_POLICY } from '../../machines/policy';
import { DASHBOARD_READERS, hasAnyRole, LEADERSHIP_AND_AUDITOR, STAFF } from '../../machines/roles';
import { GroupSessionFormSchema } from '../../workflows/meeting.schemas';
import { RULE_VIOLATED } from '../../workflows/refusal';
import { principal } from '../auth/plugin';
import { confidential } from '../../domain/refusal';
import type { RouteDeps } from '../deps';
import { Refusal, notFound } from '../errors';
import { ensureGroupSessionWatch } from '../groups/session-watch';
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
  const members = async (groupId: string) =>
    prisma.groupMembership.findMany({ where: { groupId, until: null }, select: { officialId: true, isLeader: true } });

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
      const { actor, userId } = principal(request);
      const group = await prisma.monitoringGroup.findUnique({ where: { id: groupId }, select: { id: true } });
      if (!group) throw notFound('group', groupId);
      const current = await members(groupId);
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
      const at = new Date();
      await recordOnce(
        { prisma, provider },
        {
          idempotencyKey: `group-session:${id}`,
          at: at.toISOString(),
          actorId: actor.id,
          action: 'GROUP_SESSION_RECORDED',
          entityType: 'MonitoringGroup',
          entityId: groupId,
          payload: { sessionId: id, heldOn: body.heldOn, present: body.presentIds.length, userId },
        },
        async (tx) => {
          await tx.groupSession.create({
            data: {
              id,
              groupId,
              heldOn: body.heldOn,
              quarter: quarterOf(body.heldOn),
              presentIds: JSON.stringify(body.presentIds),
              matters: body.matters,
              conclusions: body.conclusions,
              tasks: JSON.stringify(body.tasks),
              recordedById: actor.id,
              recordedAt: at,
            },
          });
        },
      );
      await ensureGroupSessionWatch(temporal, taskQueue, groupId);
      const row = await prisma.groupSession.findUniqueOrThrow({ where: { id } });
      return reply.code(201).send(presentSession(row));
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
      },
    },
    async (request) => {
      const groupId = request.params.id;
      const { actor } = principal(request);
      const current = await members(groupId);
      if (!hasAnyRole(actor, LEADERSHIP_AND_AUDITOR) && !current.some((m) => m.officialId === actor.id))
        throw confidential(`The sessions of group ${groupId}`);
      const [rows, flags] = await Promise.all([
        prisma.groupSession.findMany({ where: { groupId }, orderBy: [{ heldOn: 'desc' }, { id: 'asc' }], take: 100 }),
        prisma.groupQuarterFlag.findMany({ where: { groupId }, orderBy: { quarter: 'desc' } }),
      ]);
      return {
        items: rows.map(presentSession),
        flaggedQuarters: flags.map((f) => ({ quarter: f.quarter, flaggedAt: f.flaggedAt.toISOString() })),
      };
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
      },
    },
    async () => {
      const quarter = quarterOf(dayOf(Date.now()));
      const [groups, flags] = await Promise.all([
        prisma.monitoringGroup.findMany({
          orderBy: { name: 'asc' },
          select: {
            id: true,
            name: true,
            memberships: { where: { until: null, isLeader: true }, select: { officialId: true } },
          },
        }),
        prisma.groupQuarterFlag.findMany({ orderBy: [{ quarter: 'desc' }, { groupId: 'asc' }] }),
      ]);
      const sessions = await prisma.groupSession.findMany({ select: { groupId: true, heldOn: true, quarter: true } });
      return {
        quarter,
        minimumPerQuarter: DEFAULT_POLICY.meetings.groupSessions.minimumPerQuarter,
        groups: groups.map((g) => {
          const own = sessions.filter((s) => s.groupId === g.id);
          return {
            groupId: g.id,
            name: g.name,
            leaderId: g.memberships[0]?.officialId ?? null,
            sessionsThisQuarter: own.filter((s) => s.quarter === quarter).length,
            lastSessionOn:
              own
                .map((s) => s.heldOn)
                .sort()
                .at(-1) ?? null,
            flaggedQuarters: flags.filter((f) => f.groupId === g.id).map((f) => f.quarter),
          };
        }),
      };
    },
  );
};

function presentSession(row: {
  id: string;
  groupId: string;
  heldOn: string;
  quarter: string;
  presentIds: string;
  matters: string;
  conclusions: string;
  tasks: string;
  recordedById: string;
  recordedAt: Date;
}) {
  return {
    ...row,
    presentIds: JSON.parse(row.presentIds) as string[],
    tasks: JSON.parse(row.tasks) as { officialId: string; task: string }[],
    recordedAt: row.recordedAt.toISOString(),
  };
}
