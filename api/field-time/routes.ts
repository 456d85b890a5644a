/**
 * Time in the field: each official's days at their areas in a month beside the policy's target share of the month's
 * working days (domain/field-time/reads.ts counts them).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { loadNonWorkingDays } from '../../activities/calendar';
import { fieldTimeOf } from '../../domain/field-time/reads';
import { programmeFilter } from '../../domain/programmes/reads';
import { dayOf, WorkingCalendar } from '../../machines/calendar';
import { DASHBOARD_READERS } from '../../machines/roles';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';

const MonthSchema = z
  .string()
  .regex(/^(?:20\d{2}|2100)-(0[1-9]|1[0-2])$/, 'a month (YYYY-MM) between 2000-01 and 2100-12');

export const fieldTimeRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma, provider, temporal, taskQueue } = deps;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/dashboard/field-time',
    {
      config: { roles: DASHBOARD_READERS },
      schema: {
        tags: ['dashboard'],
        summary: "Each official's days at their areas in a month, beside the policy's target share of working days",
        description:
          "A day counts once per official: a field trip's day from the month's plan when the month's report is on record, and the day of each meeting attended and reported. With `programmeId`, the plans and meetings of that programme's assignments only, beside its version's target (404 naming `programmeId` for an unknown programme).",
        querystring: z.strictObject({
          month: MonthSchema.optional(),
          /** The programme whose assignments to count (GET /programmes); all when absent. */
          programmeId: z.string().min(1).max(200).optional(),
        }),
        response: {
          200: z.object({
            month: z.string(),
            workingDays: z.number().int(),
            targetShare: z.number(),
            targetDays: z.number().int(),
            officials: z.array(
              z.object({
                officialId: z.string(),
                name: z.string(),
                fieldDays: z.number().int(),
                tripDays: z.number().int(),
                meetingDays: z.number().int(),
                days: z.array(z.string()),
                belowTarget: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const month = request.query.month ?? dayOf(Date.now()).slice(0, 7);
      const { programmeId } = request.query;
      if (programmeId) await programmeFilter(prisma, programmeId);
      const year = Number(month.slice(0, 4));
      const calendar = new WorkingCalendar(
        await loadNonWorkingDays({ db: { prisma, provider }, temporal: { client: temporal, taskQueue } })({
          fromYear: year,
          toYear: year,
        }),
      );
      return fieldTimeOf(prisma, month, calendar, programmeId);
    },
  );
};
