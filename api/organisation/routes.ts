/**
 * The organisation as the Board keeps it: departments, officials (with their posts over time and their leaving),
 * monitoring groups (members and leader over time), and which member of Board leadership is in charge of which area
 * and department. Every change is dated to the day it takes effect (recorded on it or later) and audited on the chain;
 * the reads answer for any day (`asOf`). The records are domain/organisation/; the directory's reads stay in
 * api/directory/ (GET /groups/:id takes `asOf` there).
 *
 * Who writes: the administrator keeps the records (ADMINISTRATOR); the division of work among Board leaders, who is in
 * charge of which area or department (Đ2.5, Đ4.1), is leadership's own (BOARD_LEADER, HEAD_OF_BOARD). Reads are the
 * organisation chart, open to Board staff as the directory is.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DASHBOARD_READERS, LEADERSHIP } from '../../machines/roles';
import type { Role } from '../../machines/actor';
import { createDepartment, renameDepartment } from '../../domain/organisation/departments';
import { changeGroupLeader, addMembership, endMembership, formGroup } from '../../domain/organisation/groups';
import { type InChargeOf, leaderInChargeAsOf, setLeaderInCharge } from '../../domain/organisation/leaders-in-charge';
import { changeOfficialDetails, changePost, createOfficial, officialPosts } from '../../domain/organisation/officials';
import { importDepartments } from '../../domain/organisation/departments-import';
import { importGroups } from '../../domain/organisation/groups-import';
import { importLeadersInCharge } from '../../domain/organisation/leaders-in-charge-import';
import { importPeople } from '../../domain/organisation/people-import';
import { today } from '../../domain/organisation/periods';
import { leadershipAsOf, organisationGaps } from '../../domain/organisation/reads';
import { groupDetail } from '../../domain/directory/groups';
import { DepartmentRefSchema, GroupDetailSchema } from '../../contracts/directory';
import {
  GapsSchema,
  LeaderInChargeSchema,
  LeadershipSchema,
  LeavingSchema,
  OfficialPostsSchema,
  CodedImportResultSchema,
  PeopleImportResultSchema,
} from '../../contracts/organisation';
import { principal, STAFF_ROLES } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { notFound } from '../errors';
import { keyedUuid } from '../keyed-ids';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import { officialLeaves } from './leaving';
import {
  AsOfQuerySchema,
  DatedChoiceBodySchema,
  DepartmentBodySchema,
  EndMembershipBodySchema,
  GroupBodySchema,
  ImportFileBodySchema,
  uploadedFile,
  LeaveBodySchema,
  MemberParamsSchema,
  MembershipBodySchema,
  OfficialBodySchema,
  OfficialDetailsBodySchema,
  PostBodySchema,
  RenameDepartmentBodySchema,
} from './schemas';

const KEEPERS: readonly Role[] = ['ADMINISTRATOR'];
const IN_CHARGE_IMPORTERS: readonly Role[] = [...KEEPERS, ...LEADERSHIP];
const GAP_READERS: readonly Role[] = ['ADMINISTRATOR', ...DASHBOARD_READERS];
const REFUSALS =
  'Refused with 422 RuleViolated naming the rule (`rule`) when the change breaks one; dates after today are EFFECTIVE_IN_FUTURE (a change is recorded once in effect).';

export const organisationRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma, temporal } = deps;
  const db = { prisma, provider: deps.provider };
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];

  const groupAnswer = async (id: string, asOf?: string) => {
    const group = await groupDetail(prisma, id, asOf);
    if (!group) throw notFound('group', id);
    return group;
  };

  // ───────────── departments ─────────────

  app.post(
    '/departments',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: 'Creates a department of the Board',
        description: `DEPARTMENT_CODE_TAKEN when the code is another's. ${REFUSALS}`,
        body: DepartmentBodySchema,
        response: { 201: DepartmentRefSchema },
      },
    },
    async (request, reply) => {
      const id = `department-${keyedUuid('organisation-department', request)}`;
      return reply.code(201).send(await createDepartment(db, principal(request), id, request.body));
    },
  );

  app.post(
    '/departments/import',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: "Creates the Board's departments from a file (CSV, or an .xlsx workbook in base64): all or none",
        description:
          'Columns: code, name. Every line is checked first; one bad line refuses the file with 422 IMPORT_REFUSED listing each problem ' +
          '(line, column, rule, message: REQUIRED, TOO_LONG, DUPLICATE_ROW, DEPARTMENT_CODE_TAKEN); past a bound, 413 IMPORT_TOO_LARGE. ' +
          'A code on record under the same name is reported as already present: the same file again writes nothing.',
        body: ImportFileBodySchema,
        response: { 200: CodedImportResultSchema },
      },
    },
    async (request) => importDepartments(db, principal(request), uploadedFile(request.body)),
  );

  app.patch(
    '/departments/:id',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: 'Renames a department',
        params: IdParamsSchema,
        body: RenameDepartmentBodySchema,
        response: { 200: DepartmentRefSchema },
      },
    },
    async (request) =>
      renameDepartment(
        db,
        principal(request),
        keyedUuid('organisation-rename', request),
        request.params.id,
        request.body.name,
      ),
  );

  // ───────────── officials ─────────────

  app.post(
    '/officials',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: 'Enters an official: code, name, position, department, e-mail, first day of service',
        description: `OFFICIAL_CODE_TAKEN, EMAIL_TAKEN, UNKNOWN_DEPARTMENT, HEAD_OF_BOARD_TAKEN (one Head at a time). ${REFUSALS}`,
        body: OfficialBodySchema,
        response: { 201: OfficialPostsSchema },
      },
    },
    async (request, reply) => {
      const id = `official-${keyedUuid('organisation-official', request)}`;
      return reply.code(201).send(await createOfficial(db, principal(request), id, request.body));
    },
  );

  app.post(
    '/officials/import',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: "Imports the Board's people from a file (CSV, or an .xlsx workbook in base64): all lines or none",
        description:
          'Columns: code, full_name, position, department (code), email, active_from. Every line is checked first; one bad line refuses the file ' +
          'with 422 IMPORT_REFUSED listing each problem (line, column, rule, message); past a bound, 413 IMPORT_TOO_LARGE. ' +
          'A code already on record under the same name is reported as already present: the same file again writes nothing.',
        body: ImportFileBodySchema,
        response: { 200: PeopleImportResultSchema },
      },
    },
    async (request) => importPeople(db, principal(request), uploadedFile(request.body)),
  );

  app.patch(
    '/officials/:id',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: "Corrects an official's name or e-mail (not dated: the audit row keeps the former)",
        params: IdParamsSchema,
        body: OfficialDetailsBodySchema,
        response: { 200: OfficialPostsSchema },
      },
    },
    async (request) =>
      changeOfficialDetails(
        db,
        principal(request),
        keyedUuid('organisation-details', request),
        request.params.id,
        request.body,
      ),
  );

  app.get(
    '/officials/:id/posts',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags,
        summary: "An official's posts over time (position, department) and days of service",
        params: IdParamsSchema,
        response: { 200: OfficialPostsSchema },
      },
    },
    async (request) => officialPosts(db, request.params.id),
  );

  app.post(
    '/officials/:id/posts',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: "Changes an official's post (position, department) from a day; the former post is kept",
        description: `POST_BEFORE_CURRENT, UNKNOWN_DEPARTMENT, HEAD_OF_BOARD_TAKEN, OFFICIAL_NOT_ACTIVE. ${REFUSALS}`,
        params: IdParamsSchema,
        body: PostBodySchema,
        response: { 200: OfficialPostsSchema },
      },
    },
    async (request) =>
      changePost(db, principal(request), keyedUuid('organisation-post', request), request.params.id, request.body),
  );

  app.post(
    '/officials/:id/leave',
    {
      config: { roles: KEEPERS, temporalCallBoundMs: 60_000 },
      schema: {
        tags,
        summary:
          'An official leaves the Board from a day: their post, memberships and charges end; each assignment in force gets a position-change ground for leadership to decide',
        description:
          'The answer lists each assignment (REPORTED, NOT_IN_FORCE, REFUSED), the groups left without a leader and the areas and departments left without a leader in charge ' +
          `(GET /organisation/gaps keeps listing them). The account is left to the accounts' route. ALREADY_LEFT for another day; the same day again answers the same. RECORDS_AFTER_LEAVING. ${REFUSALS}`,
        params: IdParamsSchema,
        body: LeaveBodySchema,
        response: { 200: LeavingSchema },
      },
    },
    async (request) => officialLeaves(db, temporal, principal(request), request.params.id, request.body),
  );

  // ───────────── groups ─────────────

  app.post(
    '/groups/import',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary:
          'Forms monitoring groups from a file (CSV, or an .xlsx workbook in base64), a line per member: all or none',
        description:
          'Columns: group (its name), official (code), role (LEADER or MEMBER), since (the day formed, the same for a group). ' +
          'Every line is checked first; one bad line refuses the file with 422 IMPORT_REFUSED listing each problem (line, column, rule, ' +
          'message: UNKNOWN_OFFICIAL, OFFICIAL_NOT_ACTIVE, UNKNOWN_ROLE, GROUP_WITHOUT_LEADER, GROUP_LEADERS, GROUP_DAY_DIFFERS…); past a bound, ' +
          '413 IMPORT_TOO_LARGE. A group whose name is on record is reported as already present: the same file again writes nothing.',
        body: ImportFileBodySchema,
        response: { 200: CodedImportResultSchema },
      },
    },
    async (request) => importGroups(db, principal(request), uploadedFile(request.body)),
  );

  app.post(
    '/groups',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: 'Forms a monitoring group with its leader and members from a day (Đ2.3)',
        description: `GROUP_NAME_TAKEN, UNKNOWN_OFFICIAL, OFFICIAL_NOT_ACTIVE. ${REFUSALS}`,
        body: GroupBodySchema,
        response: { 201: GroupDetailSchema },
      },
    },
    async (request, reply) => {
      const id = `group-${keyedUuid('organisation-group', request)}`;
      await formGroup(db, principal(request), id, request.body);
      return reply.code(201).send(await groupAnswer(id));
    },
  );

  app.post(
    '/groups/:id/members',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary: 'Adds a member to a group from a day (or a membership of the past, with its end)',
        description: `MEMBERSHIP_OVERLAP (the same official's memberships of a group never overlap), EMPTY_PERIOD, OFFICIAL_NOT_ACTIVE. ${REFUSALS}`,
        params: IdParamsSchema,
        body: MembershipBodySchema,
        response: { 200: GroupDetailSchema },
      },
    },
    async (request) => {
      await addMembership(
        db,
        principal(request),
        keyedUuid('organisation-member', request),
        request.params.id,
        request.body,
      );
      return groupAnswer(request.params.id);
    },
  );

  app.post(
    '/groups/:id/members/:officialId/end',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary:
          "Ends a member's membership on a day; ending the leader's leaves the group without a leader (listed in the gaps)",
        description: `NOT_GROUP_MEMBER, EMPTY_PERIOD. ${REFUSALS}`,
        params: MemberParamsSchema,
        body: EndMembershipBodySchema,
        response: { 200: GroupDetailSchema },
      },
    },
    async (request) => {
      const { id, officialId } = request.params;
      await endMembership(db, principal(request), keyedUuid('organisation-end-member', request), id, {
        officialId,
        ...request.body,
      });
      return groupAnswer(id);
    },
  );

  app.post(
    '/groups/:id/leader',
    {
      config: { roles: KEEPERS },
      schema: {
        tags,
        summary:
          "Changes the group's leader from a day; the former leader stays a member. The past stays answerable (GET /groups/:id?asOf=)",
        description: `LEADER_NOT_MEMBER (the leader is a current member, since that day or earlier), CHANGE_BEFORE_CURRENT. ${REFUSALS}`,
        params: IdParamsSchema,
        body: DatedChoiceBodySchema,
        response: { 200: GroupDetailSchema },
      },
    },
    async (request) => {
      await changeGroupLeader(
        db,
        principal(request),
        keyedUuid('organisation-leader', request),
        request.params.id,
        request.body,
      );
      return groupAnswer(request.params.id);
    },
  );

  // ───────────── leaders in charge ─────────────

  for (const kind of ['area', 'department'] as const) {
    const path = kind === 'area' ? '/areas/:id/leader-in-charge' : '/departments/:id/leader-in-charge';
    const of = (id: string): InChargeOf => ({ kind, id });
    app.get(
      path,
      {
        config: { roles: STAFF_ROLES },
        schema: {
          tags,
          summary: `Who of Board leadership was in charge of the ${kind} on a day (today by default), and every period on record`,
          params: IdParamsSchema,
          querystring: AsOfQuerySchema,
          response: { 200: LeaderInChargeSchema },
        },
      },
      async (request) => leaderInChargeAsOf(db, of(request.params.id), request.query.asOf ?? today()),
    );
    app.post(
      path,
      {
        config: { roles: LEADERSHIP },
        schema: {
          tags,
          summary: `Names the member of Board leadership in charge of the ${kind} from a day (Đ2.5, Đ4.1: leadership's own division of work)`,
          description: `LEADER_NOT_LEADERSHIP (the Head or a Deputy Head of Board that day), CHANGE_BEFORE_CURRENT, OFFICIAL_NOT_ACTIVE. ${REFUSALS}`,
          params: IdParamsSchema,
          body: DatedChoiceBodySchema,
          response: { 200: LeaderInChargeSchema },
        },
      },
      async (request) =>
        setLeaderInCharge(
          db,
          principal(request),
          keyedUuid(`organisation-in-charge-${kind}`, request),
          of(request.params.id),
          request.body,
        ),
    );
  }

  app.post(
    '/organisation/leaders-in-charge/import',
    {
      config: { roles: IN_CHARGE_IMPORTERS },
      schema: {
        tags,
        summary:
          'Names who of Board leadership is in charge of which areas and departments from a file (CSV, or an .xlsx workbook in base64), a line per area or department: all or none',
        description:
          "Columns: area (its code or official code) or department (its code), one of the two; leader (the official's code); since (the first day, not after today); note (optional). " +
          'Every line is checked first; one bad line refuses the file with 422 IMPORT_REFUSED listing each problem (line, column, rule, ' +
          'message: AREA_OR_DEPARTMENT, UNKNOWN_AREA, AREA_NOT_IN_FORCE, UNKNOWN_DEPARTMENT, UNKNOWN_OFFICIAL, OFFICIAL_NOT_ACTIVE, LEADER_NOT_LEADERSHIP, ' +
          'CHANGE_BEFORE_CURRENT, EFFECTIVE_IN_FUTURE, DUPLICATE_ROW…); past a bound, 413 IMPORT_TOO_LARGE. Each change is dated and audited as by ' +
          'POST /areas/:id/leader-in-charge. A line naming the leader already in charge is reported as already present: the same file again writes nothing. ' +
          "Leadership divides this work; the administrator enters leadership's division when the Board's records are set up.",
        body: ImportFileBodySchema,
        response: { 200: CodedImportResultSchema },
      },
    },
    async (request) => importLeadersInCharge(db, principal(request), uploadedFile(request.body)),
  );

  // ───────────── the organisation on a day, and its gaps ─────────────

  app.get(
    '/organisation/leadership',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags,
        summary:
          'Board leadership on a day (today by default): the Head of Board, the Deputy Heads, and the areas and departments each is in charge of',
        querystring: AsOfQuerySchema,
        response: { 200: LeadershipSchema },
      },
    },
    async (request) => leadershipAsOf(prisma, request.query.asOf ?? today()),
  );

  app.get(
    '/organisation/gaps',
    {
      config: { roles: GAP_READERS },
      schema: {
        tags,
        summary:
          'What the organisation lacks today: areas without a leader in charge, groups without a leader, assignments of officials who have left',
        querystring: z.strictObject({}),
        response: { 200: GapsSchema },
      },
    },
    async () => organisationGaps(prisma),
  );
};
