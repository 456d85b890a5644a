/**
 * The directory: who the caller is (`GET /me`), the Board's departments, the monitored areas with who monitors them,
 * the monitoring groups, the staff list, and an official's personnel record.
 *
 * What is confidential (DOMAIN.md "Confidentiality", Đ4.1, Đ7.A.6), and what is not:
 * - The staff list (name, code, position, department) is the Board's organisation chart, which every civil servant of
 *   the Board knows; so are the areas, who monitors them under which written decision, and the groups. Board staff
 *   (STAFF_ROLES) read them without an audit row. Area committees are outside the Board: they get their own area and
 *   who monitors it through `GET /me`, not the Board's directory.
 * - An official's personnel record (`GET /officials/:id`: position changes, every assignment with its closing
 *   reason and ratings, missed deadlines recorded against them, group history, contact) is personnel information:
 *   readable by Board leadership, the official's own department head, the official themself, the auditor and
 *   administrators; every read, the official's own included, is written to the audit chain before the answer leaves.
 *   Complaints are left out of it: they have their own routes and their own, narrower audience.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { type Actor, isBoardLeadership } from '../../machines/actor';
import { AreaKind, OfficialPosition, Rating, Role, type Prisma } from '../../worker/database';
import { auditConfidentialRead } from '../audited-read';
import { ANY_ROLE, principal, STAFF_ROLES } from '../auth/plugin';
import {
  APPROVED,
  AreaRefSchema,
  areaRefSelect,
  AssignmentSummarySchema,
  assignmentSummary,
  assignmentSummarySelect,
  currentAssignment,
  currentAssignmentInclude,
  CurrentAssignmentSchema,
  DepartmentRefSchema,
  departmentRefSelect,
  GroupRefSchema,
  groupRefSelect,
  IN_EFFECT,
  iso,
  isoOrNull,
  OfficialSummarySchema,
  officialSummarySelect,
} from '../directory-views';
import { confidential, isAuditor } from '../confidentiality';
import { notFound } from '../errors';
import { pageArgs, pageQuery, pageSchema, toPage } from '../pagination';
import type { RouteDeps } from '../server';
import { searchQuery, textMatcher } from '../text-match';
import type { ZodTypeProvider } from '../zod-provider';

const IdParamsSchema = z.strictObject({ id: z.string().trim().min(1).max(200) });

/** Who may read any official's personnel record; a department head reads their own department's, anyone their own. */
const PERSONNEL_READERS: readonly Role[] = ['BOARD_LEADER', 'HEAD_OF_BOARD', 'AUDITOR', 'ADMINISTRATOR'];

/** Memberships in force at `now`: started, and not ended. */
const membershipInForce = (now: Date): Prisma.GroupMembershipWhereInput => ({ since: { lte: now }, OR: [{ until: null }, { until: { gt: now } }] });

// ───────────────────────── schemas ─────────────────────────

const MeSchema = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  roles: z.array(z.enum(Role)),
  /** The id the caller acts as: their official id for Board staff, their user id otherwise. */
  actorId: z.string(),
  official: OfficialSummarySchema.extend({ email: z.string().nullable() }).nullable(),
  /** The official's assignments not yet closed, proposals awaiting approval included (see `state`). */
  assignments: z.array(z.object({ id: z.string(), state: z.string(), effectiveFrom: z.iso.datetime(), area: AreaRefSchema, group: GroupRefSchema.nullable() })),
  memberships: z.array(z.object({ group: GroupRefSchema, isLeader: z.boolean(), since: z.iso.datetime() })),
  /** For an area committee: its area and who monitors it. */
  area: AreaRefSchema.extend({ currentAssignment: CurrentAssignmentSchema.nullable() }).nullable(),
});

const DepartmentSchema = DepartmentRefSchema.extend({ head: OfficialSummarySchema.nullable(), officialCount: z.number().int() });

const AreasQuerySchema = z.strictObject({
  ...pageQuery,
  kind: z.enum(AreaKind).optional(),
  parentId: z.string().min(1).max(200).optional(),
  /** Part of the area's name or code; diacritics as typed, any case. */
  q: searchQuery,
});

const AreaListItemSchema = AreaRefSchema.extend({
  parentId: z.string().nullable(),
  leaderInCharge: OfficialSummarySchema.nullable(),
  currentAssignment: CurrentAssignmentSchema.nullable(),
});

const AreaDetailSchema = AreaListItemSchema.extend({
  parent: AreaRefSchema.nullable(),
  children: z.array(AreaRefSchema),
  /** Every approved assignment of the area, newest first: the official, the dates, the decision, how it ended. */
  history: z.array(AssignmentSummarySchema),
  /** Proposals for the area waiting for Board leadership. */
  pendingProposals: z.array(AssignmentSummarySchema),
});

const MemberSchema = z.object({ official: OfficialSummarySchema, isLeader: z.boolean(), since: z.iso.datetime(), until: z.iso.datetime().nullable() });

const GroupListItemSchema = GroupRefSchema.extend({
  leader: OfficialSummarySchema.nullable(),
  memberCount: z.number().int(),
  /** Areas the group monitors now. */
  areas: z.array(AreaRefSchema),
});

const GroupDetailSchema = GroupRefSchema.extend({
  leader: OfficialSummarySchema.nullable(),
  members: z.array(MemberSchema),
  formerMembers: z.array(MemberSchema),
  assignments: z.array(AssignmentSummarySchema),
});

const OfficialsQuerySchema = z.strictObject({
  ...pageQuery,
  departmentId: z.string().min(1).max(200).optional(),
  position: z.enum(OfficialPosition).optional(),
  /** Part of the official's name or code; diacritics as typed, any case. */
  q: searchQuery,
});

const StaffListItemSchema = OfficialSummarySchema.extend({ active: z.boolean() });

const PersonnelRecordSchema = z.object({
  official: OfficialSummarySchema.extend({ email: z.string().nullable(), active: z.boolean(), createdAt: z.iso.datetime() }),
  user: z.object({ username: z.string(), roles: z.array(z.enum(Role)), active: z.boolean() }).nullable(),
  /** Position changes reported on the official's assignments (Đ4.2), oldest first; the current position is above. */
  positionChanges: z.array(z.object({ at: z.iso.datetime(), assignmentId: z.string().nullable(), note: z.string(), reportedById: z.string().nullable() })),
  memberships: z.array(z.object({ group: GroupRefSchema, isLeader: z.boolean(), since: z.iso.datetime(), until: z.iso.datetime().nullable() })),
  /**
   * Every assignment, newest first, with its annual evaluations' ratings (the area's written texts are not here;
   * `proposedRating` is null unless the reader is Board leadership or the auditor).
   */
  assignments: z.array(
    AssignmentSummarySchema.omit({ official: true }).extend({
      evaluations: z.array(
        z.object({ year: z.number().int(), state: z.string(), dueAt: z.iso.datetime(), proposedRating: z.enum(Rating).nullable(), rating: z.enum(Rating).nullable(), ratedAt: z.iso.datetime().nullable() }),
      ),
    }),
  ),
  /** Deadlines missed, recorded against the official (a late filing does not erase the miss). */
  missedDeadlines: z.array(
    z.object({ assignmentId: z.string(), subject: z.string(), reference: z.string(), dueAt: z.iso.datetime(), missedAt: z.iso.datetime().nullable(), escalationLevel: z.number().int() }),
  ),
});

// ───────────────────────── routes ─────────────────────────

export const directoryRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me',
    {
      config: { roles: ANY_ROLE },
      schema: { tags: ['directory'], summary: 'The caller: user, roles, official, current assignments and groups, or the area of an area committee', response: { 200: MeSchema } },
    },
    async (request) => {
      const who = principal(request);
      const now = new Date();
      const user = await prisma.user.findUniqueOrThrow({
        where: { id: who.userId },
        select: {
          id: true,
          username: true,
          displayName: true,
          official: {
            select: {
              ...officialSummarySelect,
              email: true,
              assignments: {
                where: { state: { not: 'closed' } },
                orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }],
                select: { id: true, state: true, effectiveFrom: true, area: { select: areaRefSelect }, group: { select: groupRefSelect } },
              },
              memberships: { where: membershipInForce(now), orderBy: { since: 'asc' }, select: { isLeader: true, since: true, group: { select: groupRefSelect } } },
            },
          },
          area: { select: { ...areaRefSelect, assignments: currentAssignmentInclude } },
        },
      });
      const { official, area } = user;
      return {
        user: { id: user.id, username: user.username, displayName: user.displayName },
        roles: who.actor.roles,
        actorId: who.actor.id,
        official: official && {
          id: official.id,
          code: official.code,
          fullName: official.fullName,
          position: official.position,
          department: official.department,
          email: official.email,
        },
        assignments: (official?.assignments ?? []).map((a) => ({ ...a, effectiveFrom: iso(a.effectiveFrom) })),
        memberships: (official?.memberships ?? []).map((m) => ({ ...m, since: iso(m.since) })),
        area: area && { id: area.id, code: area.code, name: area.name, kind: area.kind, currentAssignment: currentAssignment(area.assignments) },
      };
    },
  );

  app.get(
    '/departments',
    {
      config: { roles: STAFF_ROLES },
      schema: { tags: ['directory'], summary: "The Board's departments, with their head", querystring: z.strictObject(pageQuery), response: { 200: pageSchema(DepartmentSchema) } },
    },
    async (request) => {
      const { limit } = request.query;
      const rows = await prisma.department.findMany({
        orderBy: [{ code: 'asc' }, { id: 'asc' }],
        ...pageArgs(request.query),
        select: {
          ...departmentRefSelect,
          _count: { select: { officials: { where: { active: true } } } },
          officials: { where: { position: 'DEPARTMENT_HEAD', active: true }, orderBy: { code: 'asc' }, take: 1, select: officialSummarySelect },
        },
      });
      return toPage(rows, limit, (d) => ({ id: d.id, code: d.code, name: d.name, head: d.officials[0] ?? null, officialCount: d._count.officials }));
    },
  );

  app.get(
    '/areas',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['directory'],
        summary: 'Monitored areas, with the assignment in effect and the official monitoring each',
        querystring: AreasQuerySchema,
        response: { 200: pageSchema(AreaListItemSchema) },
      },
    },
    async (request) => {
      const { limit, kind, parentId, q } = request.query;
      const where: Prisma.AreaWhereInput = { ...(kind && { kind }), ...(parentId && { parentId }) };
      if (q) {
        const matches = textMatcher(q);
        const names = await prisma.area.findMany({ where, select: { id: true, code: true, name: true } });
        where.id = { in: names.filter((a) => matches(a.name, a.code)).map((a) => a.id) };
      }
      const rows = await prisma.area.findMany({
        where,
        orderBy: [{ code: 'asc' }, { id: 'asc' }],
        ...pageArgs(request.query),
        select: { ...areaRefSelect, parentId: true, leaderInCharge: { select: officialSummarySelect }, assignments: currentAssignmentInclude },
      });
      return toPage(rows, limit, ({ assignments, ...area }) => ({ ...area, currentAssignment: currentAssignment(assignments) }));
    },
  );

  app.get(
    '/areas/:id',
    {
      config: { roles: STAFF_ROLES },
      schema: { tags: ['directory'], summary: 'An area, who monitors it, and its assignment history', params: IdParamsSchema, response: { 200: AreaDetailSchema } },
    },
    async (request) => {
      const { id } = request.params;
      const area = await prisma.area.findUnique({
        where: { id },
        select: {
          ...areaRefSelect,
          parentId: true,
          parent: { select: areaRefSelect },
          children: { orderBy: { code: 'asc' }, select: areaRefSelect },
          leaderInCharge: { select: officialSummarySelect },
          assignments: currentAssignmentInclude,
        },
      });
      if (!area) throw notFound('area', id);
      const [history, pending] = await Promise.all([
        prisma.assignment.findMany({ where: { areaId: id, ...APPROVED }, orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }], select: assignmentSummarySelect }),
        prisma.assignment.findMany({ where: { areaId: id, state: 'awaitingApproval' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: assignmentSummarySelect }),
      ]);
      const { assignments, ...rest } = area;
      return {
        ...rest,
        currentAssignment: currentAssignment(assignments),
        history: history.map(assignmentSummary),
        pendingProposals: pending.map(assignmentSummary),
      };
    },
  );

  app.get(
    '/groups',
    {
      config: { roles: STAFF_ROLES },
      schema: { tags: ['directory'], summary: 'Monitoring groups, with their leader and the areas they monitor', querystring: z.strictObject(pageQuery), response: { 200: pageSchema(GroupListItemSchema) } },
    },
    async (request) => {
      const { limit } = request.query;
      const now = new Date();
      const rows = await prisma.monitoringGroup.findMany({
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        ...pageArgs(request.query),
        select: {
          ...groupRefSelect,
          memberships: { where: membershipInForce(now), select: { isLeader: true, official: { select: officialSummarySelect } } },
          assignments: { where: IN_EFFECT, orderBy: { effectiveFrom: 'asc' }, select: { area: { select: areaRefSelect } } },
        },
      });
      return toPage(rows, limit, (g) => ({
        id: g.id,
        name: g.name,
        leader: g.memberships.find((m) => m.isLeader)?.official ?? null,
        memberCount: g.memberships.length,
        areas: g.assignments.map((a) => a.area),
      }));
    },
  );

  app.get(
    '/groups/:id',
    {
      config: { roles: STAFF_ROLES },
      schema: { tags: ['directory'], summary: 'A monitoring group: its leader, members (current and former) and the areas it monitors', params: IdParamsSchema, response: { 200: GroupDetailSchema } },
    },
    async (request) => {
      const { id } = request.params;
      const now = new Date();
      const group = await prisma.monitoringGroup.findUnique({
        where: { id },
        select: {
          ...groupRefSelect,
          memberships: { orderBy: [{ isLeader: 'desc' }, { since: 'asc' }, { id: 'asc' }], select: { isLeader: true, since: true, until: true, official: { select: officialSummarySelect } } },
          assignments: { where: IN_EFFECT, orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }], select: assignmentSummarySelect },
        },
      });
      if (!group) throw notFound('group', id);
      const inForce = (m: { since: Date; until: Date | null }) => m.since <= now && (!m.until || m.until > now);
      const member = (m: (typeof group.memberships)[number]) => ({ ...m, since: iso(m.since), until: isoOrNull(m.until) });
      const members = group.memberships.filter(inForce);
      return {
        id: group.id,
        name: group.name,
        leader: members.find((m) => m.isLeader)?.official ?? null,
        members: members.map(member),
        formerMembers: group.memberships.filter((m) => !inForce(m)).map(member),
        assignments: group.assignments.map(assignmentSummary),
      };
    },
  );

  app.get(
    '/officials',
    {
      config: { roles: STAFF_ROLES },
      schema: { tags: ['directory'], summary: 'The staff list: name, position, department (not personnel details)', querystring: OfficialsQuerySchema, response: { 200: pageSchema(StaffListItemSchema) } },
    },
    async (request) => {
      const { limit, departmentId, position, q } = request.query;
      const where: Prisma.OfficialWhereInput = { ...(departmentId && { departmentId }), ...(position && { position }) };
      if (q) {
        const matches = textMatcher(q);
        const names = await prisma.official.findMany({ where, select: { id: true, code: true, fullName: true } });
        where.id = { in: names.filter((o) => matches(o.fullName, o.code)).map((o) => o.id) };
      }
      const rows = await prisma.official.findMany({ where, orderBy: [{ code: 'asc' }, { id: 'asc' }], ...pageArgs(request.query), select: { ...officialSummarySelect, active: true } });
      return toPage(rows, limit, (o) => o);
    },
  );

  app.get(
    '/officials/:id',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['directory'],
        summary: "An official's personnel record (confidential: leadership, their department head, themself, the auditor, administrators; every read is audited)",
        params: IdParamsSchema,
        response: { 200: PersonnelRecordSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const actor = principal(request).actor;
      const official = await prisma.official.findUnique({
        where: { id },
        select: {
          ...officialSummarySelect,
          departmentId: true,
          email: true,
          active: true,
          createdAt: true,
          user: { select: { username: true, active: true, roles: { select: { role: true } } } },
          memberships: { orderBy: [{ since: 'asc' }, { id: 'asc' }], select: { isLeader: true, since: true, until: true, group: { select: groupRefSelect } } },
        },
      });
      if (!official) throw notFound('official', id);
      await assertMayReadPersonnel(actor, official);

      const [assignments, missed] = await Promise.all([
        prisma.assignment.findMany({
          where: { officialId: id },
          orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }],
          select: {
            ...assignmentSummarySelect,
            evaluations: { orderBy: { year: 'asc' }, select: { id: true, year: true, state: true, dueAt: true, proposedRating: true, rating: true, ratedAt: true } },
          },
        }),
        prisma.deadline.findMany({
          where: { status: 'MISSED', assignment: { officialId: id } },
          orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
          select: { assignmentId: true, subject: true, reference: true, dueAt: true, missedAt: true, escalationLevel: true },
        }),
      ]);
      const positionChanges = await positionChangesOf(assignments.map((a) => a.id));
      // The final rating is part of the record (Đ12: the basis for evaluation, planning, promotion); the group leader's
      // proposed rating is the Board's internal step, seen by leadership and the auditor only (as in the evaluation routes).
      const seesProposals = isBoardLeadership(actor) || isAuditor(actor);

      // Audited before the answer leaves: the record and the evaluations whose ratings it shows.
      await auditConfidentialRead(deps, request, { entityType: 'Official', entityId: id, ids: assignments.flatMap((a) => a.evaluations.map((e) => e.id)) });

      return {
        official: {
          id: official.id,
          code: official.code,
          fullName: official.fullName,
          position: official.position,
          department: official.department,
          email: official.email,
          active: official.active,
          createdAt: iso(official.createdAt),
        },
        user: official.user && { username: official.user.username, active: official.user.active, roles: official.user.roles.map((r) => r.role) },
        positionChanges,
        memberships: official.memberships.map((m) => ({ ...m, since: iso(m.since), until: isoOrNull(m.until) })),
        assignments: assignments.map(({ evaluations, official: _official, ...a }) => ({
          ...assignmentSummary({ ...a, official: _official }),
          evaluations: evaluations.map(({ id: _id, ...e }) => ({
            ...e,
            proposedRating: seesProposals ? e.proposedRating : null,
            dueAt: iso(e.dueAt),
            ratedAt: isoOrNull(e.ratedAt),
          })),
        })),
        missedDeadlines: missed.map((d) => ({ ...d, dueAt: iso(d.dueAt), missedAt: isoOrNull(d.missedAt) })),
      };
    },
  );

  /** Leadership, the auditor and administrators read any record; a department head their department's; anyone their own. */
  async function assertMayReadPersonnel(actor: Actor, official: { id: string; departmentId: string | null }): Promise<void> {
    if (actor.id === official.id || actor.roles.some((role) => PERSONNEL_READERS.includes(role))) return;
    if (actor.roles.includes('DEPARTMENT_HEAD') && official.departmentId) {
      const own = await prisma.official.findUnique({ where: { id: actor.id }, select: { departmentId: true } });
      if (own?.departmentId === official.departmentId) return;
    }
    // The same 403 as the other confidential records (api/confidentiality.ts): "you may not", not "no such".
    throw confidential(`The personnel record of ${official.id}`);
  }

  /**
   * There is no position-history table: a change of position is recorded as a ground on the official's assignments
   * (`reportPositionChange`, audit action GROUND_ESTABLISHED). The audit trail is the history.
   */
  async function positionChangesOf(assignmentIds: string[]) {
    if (assignmentIds.length === 0) return [];
    const grounds = await prisma.auditEvent.findMany({
      where: { action: 'GROUND_ESTABLISHED', assignmentId: { in: assignmentIds } },
      orderBy: { seq: 'asc' },
      select: { at: true, assignmentId: true, actorId: true, payload: true },
    });
    return grounds.flatMap((event) => {
      const ground = (event.payload as { ground?: { kind?: string; note?: string } } | null)?.ground;
      return ground?.kind === 'POSITION_CHANGED' ? [{ at: iso(event.at), assignmentId: event.assignmentId, note: ground.note ?? '', reportedById: event.actorId }] : [];
    });
  }
};
