import type { FastifyPluginAsync } from 'fastify';
import { FilingResultSchema } from '../../contracts/assignments';
import { z } from 'zod';
import {
  FilePlanArgsSchema,
  filePlanUpdate,
  FileReportArgsSchema,
  fileReportUpdate,
  planOfMonth,
} from '../../workflows/monthly-cycle.messages';
import { principal } from '../auth/plugin';
import { sendToMonth } from './month-opening';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { keyedUpdateId } from '../keyed-ids';

const FILERS = ['OFFICIAL', 'GROUP_LEADER'] as const;

const PeriodParamsSchema = z.strictObject({
  id: z.string().trim().min(1).max(200),
  period: z.string().regex(/^(?:20\d{2}|2100)-(0[1-9]|1[0-2])$/, 'the period is a month, YYYY-MM, of 2000 to 2100'),
});

/** The plan and report bodies are the update arguments without the actor, which comes from the token. */
const PlanBodySchema = FilePlanArgsSchema.shape.plan;
const ReportBodySchema = FileReportArgsSchema.shape.report;

/** `POST /assignments/:id/months/:period/plan|report`: the month's filings, by the official or the group leader. */
export const filingRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { temporal }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/assignments/:id/months/:period/plan',
    {
      config: { roles: FILERS },
      schema: {
        tags: ['monthly cycle'],
        summary:
          "Files the month's plan (announces the field trip: content, day within the month, place); late after its deadline",
        params: PeriodParamsSchema,
        body: PlanBodySchema,
        response: { 200: FilingResultSchema },
      },
    },
    async (request) => {
      const { id, period } = request.params;
      // Đ8.1: the trip's day within the plan's month; a ZodError is a 400 naming `plannedFor`.
      const plan = planOfMonth(period).parse(request.body);
      return sendToMonth(temporal, id, period, (cycle) =>
        cycle.executeUpdate(filePlanUpdate, {
          args: [{ actor: principal(request).actor, plan }],
          updateId: keyedUpdateId(request),
        }),
      );
    },
  );

  app.post(
    '/assignments/:id/months/:period/report',
    {
      config: { roles: FILERS },
      schema: {
        tags: ['monthly cycle'],
        summary: "Files the month's report (after the trip); late after its deadline",
        params: PeriodParamsSchema,
        body: ReportBodySchema,
        response: { 200: FilingResultSchema },
      },
    },
    async (request) => {
      const { id, period } = request.params;
      return sendToMonth(temporal, id, period, (cycle) =>
        cycle.executeUpdate(fileReportUpdate, {
          args: [{ actor: principal(request).actor, report: request.body }],
          updateId: keyedUpdateId(request),
        }),
      );
    },
  );
};
