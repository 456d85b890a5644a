/**
 * Plans and reports that are read: the month's plans and reports with their content, per assignment and month and
 * across the province, filtered and paginated; ad hoc reports (Đ8.2) and those on sensitive matters (Đ7.A.4);
 * leadership's acknowledgement ("đã xem") and answer. Who reads what is machines/access.ts's filingVisibility; the
 * reads and writes are domain/reports/; every read writes a CONFIDENTIAL_READ row before the answer leaves
 * (api/audited-read.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AdHocReportBodySchema, ReportAnswerBodySchema, UrgencySchema } from '../../machines/reports';
import { FILERS, FILING_READERS, LEADERSHIP } from '../../machines/roles';
import { auditConfidentialRead } from '../audited-read';
import { principal } from '../auth/plugin';
import { confidential } from '../../domain/refusal';
import { filingReader } from '../../domain/parties';
import type { RouteDeps } from '../deps';
import { notFound } from '../errors';
import { IdParamsSchema } from '../params';
import {
  assertReadsFilingsOf,
  findReport,
  monthPlan,
  monthReport,
  plansPage,
  reportsPage,
} from '../../domain/reports/reads';
import {
  AssignmentMonthParamsSchema,
  PlanItemSchema,
  PlanListQuerySchema,
  PlanPageSchema,
  ReportItemSchema,
  ReportListQuerySchema,
  ReportPageSchema,
} from './schemas';
import { acknowledgeReport, answerReport, fileAdHocReport } from '../../domain/reports/writes';
import { keyedUuid } from '../keyed-ids';
import type { ZodTypeProvider } from '../zod-provider';

const READERS_RULE =
  'Board leadership (the leader in charge sees their areas first), the auditor, the group leader for the areas of the group they lead, the official their own; a report on a sensitive matter (Đ7.A.4) the Head of Board and its author only (the auditor sees that it exists and who sent it). Others: 403. Every read is audited.';

const ReplySchema = z.object({
  reportId: z.string(),
  reply: z.enum(['ACKNOWLEDGED', 'ANSWERED']),
  answerId: z.string().optional(),
});

export const reportRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = { prisma, provider };

  app.get(
    '/plans',
    {
      config: { roles: FILING_READERS },
      schema: {
        tags: ['reports'],
        summary:
          "The months' field-trip plans with their content, day and place (Đ8.1), filed or not, filtered and paginated (audited read)",
        description: `Filters: month, assignment, area, official, group, leader in charge, status (ON_TIME, LATE, MISSED, OPEN, CANCELLED). ${READERS_RULE}`,
        querystring: PlanListQuerySchema,
        response: { 200: PlanPageSchema },
      },
    },
    async (request) => {
      const reader = await filingReader(prisma, principal(request).actor);
      const page = await plansPage(prisma, reader, request.query);
      await auditConfidentialRead(db, request, {
        entityType: 'MonthlyPlan',
        entityId: request.query.assignmentId ?? '*',
        assignmentId: request.query.assignmentId,
        ids: page.items.flatMap((p) => (p.planId ? [p.planId] : [])),
      });
      return page;
    },
  );

  app.get(
    '/reports',
    {
      config: { roles: FILING_READERS },
      schema: {
        tags: ['reports'],
        summary:
          "The months' reports (situation, results, difficulties, proposals; Đ8.2), filed or not, and ad hoc reports, filtered and paginated (audited read)",
        description: `Filters: month, assignment, area, official, group, leader in charge, status (monthly reports: ON_TIME, LATE, MISSED, OPEN, CANCELLED), kind (MONTHLY, AD_HOC), reply (UNREAD, ACKNOWLEDGED, ANSWERED). For leadership, the areas they are in charge of first, then the reports nobody has acknowledged, then the newest. ${READERS_RULE}`,
        querystring: ReportListQuerySchema,
        response: { 200: ReportPageSchema },
      },
    },
    async (request) => {
      const reader = await filingReader(prisma, principal(request).actor);
      const page = await reportsPage(prisma, reader, request.query);
      await auditConfidentialRead(db, request, {
        entityType: 'Report',
        entityId: request.query.assignmentId ?? '*',
        assignmentId: request.query.assignmentId,
        ids: page.items.flatMap((r) => (r.reportId ? [r.reportId] : [])),
      });
      return page;
    },
  );

  app.get(
    '/reports/:id',
    {
      config: { roles: FILING_READERS },
      schema: {
        tags: ['reports'],
        summary: 'One report, monthly or ad hoc, with its acknowledgements and answers (audited read)',
        description: READERS_RULE,
        params: IdParamsSchema,
        response: { 200: ReportItemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const reader = await filingReader(prisma, principal(request).actor);
      const { found, item } = await findReport(prisma, reader, id);
      if (!found) throw notFound('report', id);
      if (!item) throw confidential(`Report ${id}`);
      await auditConfidentialRead(db, request, {
        entityType: item.kind === 'AD_HOC' ? 'AdHocReport' : 'MonthlyReport',
        entityId: id,
        assignmentId: item.assignmentId,
      });
      return item;
    },
  );

  app.get(
    '/assignments/:id/months/:period/plan',
    {
      config: { roles: FILING_READERS },
      schema: {
        tags: ['reports', 'monthly cycle'],
        summary: "The month's plan of one assignment: its deadline, status, content, day and place (audited read)",
        description: READERS_RULE,
        params: AssignmentMonthParamsSchema,
        response: { 200: PlanItemSchema },
      },
    },
    async (request) => {
      const { id, period } = request.params;
      const reader = await filingReader(prisma, principal(request).actor);
      await assertReadsFilingsOf(prisma, reader, id);
      const plan = await monthPlan(prisma, reader, id, period);
      if (!plan) throw notFound('plan', `${id}/${period}`);
      await auditConfidentialRead(db, request, {
        entityType: 'MonthlyPlan',
        entityId: `${id}/${period}`,
        assignmentId: id,
      });
      return plan;
    },
  );

  app.get(
    '/assignments/:id/months/:period/report',
    {
      config: { roles: FILING_READERS },
      schema: {
        tags: ['reports', 'monthly cycle'],
        summary:
          "The month's report of one assignment: its deadline, status, content, acknowledgements and answers (audited read)",
        description: READERS_RULE,
        params: AssignmentMonthParamsSchema,
        response: { 200: ReportItemSchema },
      },
    },
    async (request) => {
      const { id, period } = request.params;
      const reader = await filingReader(prisma, principal(request).actor);
      await assertReadsFilingsOf(prisma, reader, id);
      const report = await monthReport(prisma, reader, id, period);
      if (!report) throw notFound('report', `${id}/${period}`);
      await auditConfidentialRead(db, request, {
        entityType: 'MonthlyReport',
        entityId: report.reportId ?? `${id}/${period}`,
        assignmentId: id,
      });
      return report;
    },
  );

  app.post(
    '/assignments/:id/ad-hoc-reports',
    {
      config: { roles: FILERS },
      schema: {
        tags: ['reports'],
        summary:
          'Sends an ad hoc report (Đ8.2 "đột xuất khi vấn đề phát sinh"): any number, any day, with its urgency; delivered at once to the leader in charge',
        description:
          "Marked `sensitive` (Đ7.A.4: democratic centralism, internal unity, personnel under the Standing Committee), it goes to the Head of Board alone, and nobody else but its author and the auditor (existence only, by default) learns of it. By the assignment's official or a member of its group (422 FILER_NOT_ASSIGNED), while the assignment is in force (422 ASSIGNMENT_NOT_IN_FORCE). 201 with Location /reports/{id}; with an Idempotency-Key a retry sends nothing more.",
        params: IdParamsSchema,
        body: AdHocReportBodySchema,
        response: {
          201: z.object({
            reportId: z.string(),
            assignmentId: z.string(),
            /** The month it is listed under (the day it was sent, in Vietnam). */
            period: z.string(),
            urgency: UrgencySchema,
            sensitive: z.boolean(),
          }),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { reportId, period } = await fileAdHocReport(
        db,
        principal(request),
        keyedUuid('ad-hoc-report', request),
        id,
        request.body,
      );
      const { urgency, sensitive } = request.body;
      return reply
        .code(201)
        .header('location', `/reports/${reportId}`)
        .send({ reportId, assignmentId: id, period, urgency, sensitive });
    },
  );

  app.post(
    '/reports/:id/acknowledgement',
    {
      config: { roles: LEADERSHIP },
      schema: {
        tags: ['reports'],
        summary: 'Board leadership has read the report ("đã xem"); once per leader, a repeat changes nothing',
        description: 'A report on a sensitive matter: the Head of Board only (403 otherwise).',
        params: IdParamsSchema,
        response: { 200: ReplySchema },
      },
    },
    async (request) => {
      await acknowledgeReport(db, principal(request), request.params.id);
      return { reportId: request.params.id, reply: 'ACKNOWLEDGED' as const };
    },
  );

  app.post(
    '/reports/:id/answers',
    {
      config: { roles: LEADERSHIP },
      schema: {
        tags: ['reports'],
        summary:
          'Board leadership answers the report with a comment or a task (which may name its day); the official who filed it is told and sees it',
        description:
          'Acknowledges the report too. A report on a sensitive matter: the Head of Board only (403 otherwise). With an Idempotency-Key a retry answers nothing more.',
        params: IdParamsSchema,
        body: ReportAnswerBodySchema,
        response: { 201: ReplySchema },
      },
    },
    async (request, reply) => {
      const answerId = keyedUuid('report-answer', request);
      await answerReport(db, principal(request), answerId, request.params.id, request.body);
      return reply.code(201).send({ reportId: request.params.id, reply: 'ANSWERED' as const, answerId });
    },
  );
};
