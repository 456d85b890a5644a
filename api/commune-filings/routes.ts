/**
 * A leader's filings for the communes they monitor under a yearly programme: the year's monitoring programme, the
 * periodic reports and the yearly report. Read from the records; filed through the link's workflow, which owns the
 * deadlines and records the filing (on time or late) with its audit row.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { CommuneFilingResultSchema, CommuneLinkFilingsSchema } from '../../contracts/commune-filings';
import { checkCommuneFiling, communeLinksOf, ownCommuneLink } from '../../domain/commune-filings/reads';
import { communeMonitoringWorkflowId } from '../../machines/commune-filings';
import { communeMonitoringStateQuery, fileCommuneFilingUpdate } from '../../workflows/commune-monitoring.messages';
import { principal } from '../auth/plugin';
import { refusingClosed } from '../closed-workflows';
import type { RouteDeps } from '../deps';
import { keyedUpdateId } from '../keyed-ids';
import type { ZodTypeProvider } from '../zod-provider';
import { CommuneFilingBodySchema, CommuneFilingParamsSchema, CommuneLinkParamsSchema } from './schemas';

const LEADERS = ['AGENCY_LEADER', 'AGENCY_HEAD'] as const;

export const communeFilingRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, temporal }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['commune filings'];

  app.get(
    '/commune-links',
    {
      config: { roles: LEADERS },
      schema: {
        tags,
        summary: 'The communes the caller monitors as a leader of a provincial agency, each with its filings',
        response: { 200: z.array(CommuneLinkFilingsSchema) },
      },
    },
    async (request) => communeLinksOf(prisma, principal(request).userId),
  );

  app.get(
    '/commune-links/:linkId/filings',
    {
      config: { roles: LEADERS },
      schema: {
        tags,
        summary:
          "One of the caller's communes with its filings: due day, version, on time, late, missed, escalation, days at the commune",
        description: '404 for an unknown link; 403 for a commune another leader monitors.',
        params: CommuneLinkParamsSchema,
        response: { 200: CommuneLinkFilingsSchema },
      },
    },
    async (request) => ownCommuneLink(prisma, request.params.linkId, principal(request).userId),
  );

  app.post(
    '/commune-links/:linkId/filings/:kind/:period',
    {
      config: { roles: LEADERS },
      schema: {
        tags,
        summary:
          "Files the year's monitoring programme, a periodic report or the yearly report (with the days at the commune); late after its day",
        description:
          "Only the leader who monitors the commune (403 otherwise; 404 for an unknown link). 422 `RuleViolated`: PERIOD_NOT_OF_CADENCE (a period that is not one of the version in force's: `2027` for the programme and the yearly report, `2027-H1`, `2027-Q2`, `2027-P3`… for reports every 6, 3 or other months), FILING_NOT_OWED (not open on this link: before the link, or before its workflow opened the year), ALREADY_FILED, FILING_CLOSED (the year closed without it, or the link ended), NO_YEARLY_CADENCE; and for the days at the commune a report gives (`daysInCommune`, field `daysInCommune`): FIELD_DAYS_ON_PROGRAMME (the programme is a plan and gives none), FIELD_DAY_IN_FUTURE (after today in Vietnam), FIELD_DAY_OUTSIDE_PERIOD (outside the report's period: its months, or the year for the yearly report), FIELD_DAY_OUTSIDE_LINK (before the leader began monitoring the commune, or after the link ended); 400 for a day that is no calendar day or more than 366 days. A day given twice counts once; the days are kept sorted with the filing and make the agency page's `fieldDays`. Recorded by the link's workflow with its audit row (COMMUNE_FILING_FILED or COMMUNE_FILING_FILED_LATE, naming the version); idempotent under its Idempotency-Key.",
        params: CommuneFilingParamsSchema,
        body: CommuneFilingBodySchema,
        response: { 200: CommuneFilingResultSchema },
      },
    },
    async (request) => {
      const { linkId, period } = request.params;
      const kind = request.params.kind.toUpperCase() as 'PROGRAMME' | 'PERIODIC' | 'YEARLY';
      const who = principal(request);
      const { content, daysInCommune } = request.body;
      const fieldDays = await checkCommuneFiling(prisma, { linkId, userId: who.userId, kind, period, daysInCommune });
      const handle = temporal.workflow.getHandle(communeMonitoringWorkflowId(linkId));
      return refusingClosed(
        () =>
          handle.executeUpdate(fileCommuneFilingUpdate, {
            args: [
              {
                actor: { ...who.actor, id: who.userId },
                kind,
                period,
                content,
                ...(fieldDays.length > 0 && { fieldDays }),
              },
            ],
            updateId: keyedUpdateId(request),
          }),
        () =>
          handle
            .query(communeMonitoringStateQuery)
            .then((view) => ({ state: view.ended ? 'ended' : `year ${view.year} closed`, allowedEvents: [] })),
      );
    },
  );
};
