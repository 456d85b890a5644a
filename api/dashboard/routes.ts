/**
 * Dashboard queries for Board leadership and the auditor (Đ13.3), and for a department head over their own
 * department's officials: overdue monthly plans and reports, annual evaluations not yet rated, rotations coming due,
 * open complaints, and a summary of the counts for a home page. The queries are in domain/dashboard/.
 *
 * "Now" is the server's wall clock, or the `asOf` query parameter (an ISO instant, or a day meaning its first instant
 * in Vietnam's time zone): leaders look ahead with it, and tests look at a time-skipped world with it.
 *
 * Confidentiality: the lists of evaluations and complaints reveal which official is being evaluated or complained
 * about, so each read is audited (api/audited-read.ts) with the ids returned; neither carries the texts (the area's
 * evaluation, the complaint itself), which have their own audited routes. Open complaints are for leadership and the
 * auditor only, who have a part in them (verification, decision); department heads have none; nobody sees the
 * complaints about themself (machines/access.ts). The summary's counts name nobody and are not audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Actor } from '../../machines/actor';
import { policyInForce } from '../../domain/programmes/reads';
import { auditConfidentialRead } from '../audited-read';
import { withoutHiddenProposals } from './hidden-proposals';
import { principal } from '../auth/plugin';
import { DASHBOARD_READERS, hasAnyRole, LEADERSHIP_AND_AUDITOR } from '../../machines/roles';
import { horizonOf, nowOf } from '../../domain/dashboard/clock';
import { dashboardAreasPage } from '../../domain/dashboard/areas';
import { openComplaintsPage } from '../../domain/dashboard/complaints-open';
import { outstandingEvaluationsPage } from '../../domain/dashboard/evaluations-outstanding';
import { overduePage } from '../../domain/dashboard/overdue';
import { rotationsDuePage } from '../../domain/dashboard/rotations-due';
import {
  ComplaintItemSchema,
  ComplaintsQuerySchema,
  DashboardAreaSchema,
  DashboardAreasQuerySchema,
  EvaluationItemSchema,
  EvaluationsQuerySchema,
  OverdueItemSchema,
  OverdueQuerySchema,
  RotationPageSchema,
  RotationsQuerySchema,
  type ScopeQuery,
  SummaryQuerySchema,
  SummarySchema,
  withAsOf,
} from './schemas';
import { dashboardScope } from '../../domain/dashboard/scope';
import { dashboardSummary } from '../../domain/dashboard/summary';
import { iso } from '../../domain/directory/views';
import { dayOf } from '../../machines/calendar';
import { pageSchema } from '../pagination';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';

/** Department heads see their own department's officials only (see domain/dashboard/scope.ts). */
const DASHBOARD_ROLES = DASHBOARD_READERS;

export const dashboardRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** The instant and the assignments a query is answered for. */
  const scoped = async (actor: Actor, query: ScopeQuery) => ({
    asOf: nowOf(query),
    scope: await dashboardScope(prisma, actor, query),
  });

  app.get(
    '/dashboard/overdue',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: {
        tags: ['dashboard'],
        summary:
          'Monthly plans and reports past their deadline and not filed, oldest first, with the escalation reached',
        querystring: OverdueQuerySchema,
        response: { 200: withAsOf(OverdueItemSchema) },
      },
    },
    async (request) => {
      const { asOf, scope } = await scoped(principal(request).actor, request.query);
      const page = await overduePage(prisma, scope, asOf, request.query);
      return { ...page, asOf: iso(asOf) };
    },
  );

  app.get(
    '/dashboard/evaluations-outstanding',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: {
        tags: ['dashboard'],
        summary: 'Annual evaluations not yet rated, by due date, with who acts next (reads are audited)',
        querystring: EvaluationsQuerySchema,
        response: { 200: withAsOf(EvaluationItemSchema) },
      },
    },
    async (request) => {
      const { asOf, scope } = await scoped(principal(request).actor, request.query);
      const page = await outstandingEvaluationsPage(prisma, scope, asOf, request.query);
      await auditConfidentialRead(deps, request, {
        entityType: 'AnnualEvaluation',
        entityId: 'dashboard:evaluations-outstanding',
        ids: page.items.map((i) => i.id),
      });
      return { ...page, asOf: iso(asOf) };
    },
  );

  app.get(
    '/dashboard/rotations-due',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: {
        tags: ['dashboard'],
        summary:
          'Assignments reaching the mandatory (first, overdue included) or the eligible rotation threshold within the window',
        querystring: RotationsQuerySchema,
        response: { 200: RotationPageSchema },
      },
    },
    async (request) => {
      const { asOf, scope } = await scoped(principal(request).actor, request.query);
      const horizon = horizonOf(asOf, request.query.withinDays);
      const page = await rotationsDuePage(prisma, scope, asOf, horizon, request.query);
      const items = await withoutHiddenProposals(deps, principal(request).actor, page.items, request);
      const { eligibleAfterYears, mandatoryAfterYears } = (await policyInForce(prisma, request.query.programmeId))
        .policy.rotation;
      return {
        ...page,
        items,
        asOf: iso(asOf),
        horizon: iso(horizon),
        policy: { eligibleAfterYears, mandatoryAfterYears },
      };
    },
  );

  app.get(
    '/dashboard/complaints-open',
    {
      config: { roles: LEADERSHIP_AND_AUDITOR },
      schema: {
        tags: ['dashboard'],
        summary:
          'Complaints not yet closed, oldest first, with their verification deadline (leadership and the auditor; reads are audited)',
        querystring: ComplaintsQuerySchema,
        response: { 200: withAsOf(ComplaintItemSchema) },
      },
    },
    async (request) => {
      const actor = principal(request).actor;
      const { asOf, scope } = await scoped(actor, request.query);
      const page = await openComplaintsPage(prisma, actor, scope, asOf, request.query);
      await auditConfidentialRead(deps, request, {
        entityType: 'Complaint',
        entityId: 'dashboard:complaints-open',
        ids: page.items.map((i) => i.id),
      });
      return { ...page, asOf: iso(asOf) };
    },
  );

  app.get(
    '/dashboard/areas',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: {
        tags: ['dashboard'],
        summary: 'The areas in force on a day, each with who monitors it, of one programme or of all',
        description:
          "With `programmeId`: the kinds of areas the programme monitors, the Board's official in effect under its assignments and the agency leaders whose links of the programme are in force on the day; without it, every unit and every monitor. 404 naming `programmeId` for an unknown programme.",
        querystring: DashboardAreasQuerySchema,
        response: { 200: pageSchema(DashboardAreaSchema) },
      },
    },
    async (request) => {
      const { asOf, ...query } = request.query;
      return dashboardAreasPage(prisma, { ...query, day: asOf ?? dayOf(Date.now()) });
    },
  );

  app.get(
    '/dashboard/summary',
    {
      config: { roles: DASHBOARD_ROLES },
      schema: {
        tags: ['dashboard'],
        summary: 'The counts of the dashboard lists, for a home page',
        querystring: SummaryQuerySchema,
        response: { 200: SummarySchema },
      },
    },
    async (request) => {
      const actor = principal(request).actor;
      const { asOf, scope } = await scoped(actor, request.query);
      const seesComplaints = hasAnyRole(actor, LEADERSHIP_AND_AUDITOR);
      return dashboardSummary(prisma, { actor, scope, asOf, withinDays: request.query.withinDays, seesComplaints });
    },
  );
};
