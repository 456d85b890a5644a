/**
 * The directory: who the caller is (`GET /me`), the Board's departments, the monitored areas with who monitors them,
 * the monitoring groups, the staff list, and an official's personnel record. The reads are in domain/directory/.
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
import { auditConfidentialRead } from '../audited-read';
import { ANY_ROLE, principal, STAFF_ROLES } from '../auth/plugin';
import { areaDetail, areasPage } from '../../domain/directory/areas';
import { departmentsPage } from '../../domain/directory/departments';
import { groupDetail, groupsPage } from '../../domain/directory/groups';
import { readMe } from '../../domain/directory/me';
import { personnelRecordFor } from '../../domain/directory/personnel-record';
import {
  AreaDetailSchema,
  AreaListItemSchema,
  AreasQuerySchema,
  DepartmentSchema,
  GroupDetailSchema,
  GroupListItemSchema,
  GroupQuerySchema,
  MeSchema,
  OfficialsQuerySchema,
  PersonnelRecordSchema,
  StaffListItemSchema,
} from './schemas';
import { staffPage } from '../../domain/directory/staff';
import { notFound } from '../errors';
import { pageQuery, pageSchema } from '../pagination';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { IdParamsSchema } from '../params';

export const directoryRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me',
    {
      config: { roles: ANY_ROLE, duringPasswordChange: true },
      schema: {
        tags: ['directory'],
        summary: 'The caller: user, roles, official, current assignments and groups, or the area of an area committee',
        response: { 200: MeSchema },
      },
    },
    async (request) => readMe(prisma, principal(request)),
  );

  app.get(
    '/departments',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['directory'],
        summary: "The Board's departments, with their head",
        querystring: z.strictObject(pageQuery),
        response: { 200: pageSchema(DepartmentSchema) },
      },
    },
    async (request) => departmentsPage(prisma, request.query),
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
    async (request) => areasPage(prisma, request.query),
  );

  app.get(
    '/areas/:id',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['directory'],
        summary: 'An area, who monitors it, and its assignment history',
        params: IdParamsSchema,
        response: { 200: AreaDetailSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const area = await areaDetail(prisma, id);
      if (!area) throw notFound('area', id);
      return area;
    },
  );

  app.get(
    '/groups',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['directory'],
        summary: 'Monitoring groups, with their leader and the areas they monitor',
        querystring: z.strictObject(pageQuery),
        response: { 200: pageSchema(GroupListItemSchema) },
      },
    },
    async (request) => groupsPage(prisma, request.query),
  );

  app.get(
    '/groups/:id',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['directory'],
        summary:
          'A monitoring group: its leader, members (current and former) and the areas it monitors; as it stood on a day with asOf',
        params: IdParamsSchema,
        querystring: GroupQuerySchema,
        response: { 200: GroupDetailSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const group = await groupDetail(prisma, id, request.query.asOf);
      if (!group) throw notFound('group', id);
      return group;
    },
  );

  app.get(
    '/officials',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['directory'],
        summary: 'The staff list: name, position, department (not personnel details)',
        querystring: OfficialsQuerySchema,
        response: { 200: pageSchema(StaffListItemSchema) },
      },
    },
    async (request) => staffPage(prisma, request.query),
  );

  app.get(
    '/officials/:id',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags: ['directory'],
        summary:
          "An official's personnel record (confidential: leadership, their department head, themself, the auditor, administrators; every read is audited)",
        params: IdParamsSchema,
        response: { 200: PersonnelRecordSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const actor = principal(request).actor;
      const { record, evaluationIds } = await personnelRecordFor(prisma, actor, id);
      // Audited before the answer leaves: the record and the evaluations whose ratings it shows.
      await auditConfidentialRead(deps, request, { entityType: 'Official', entityId: id, ids: evaluationIds });
      return record;
    },
  );
};
