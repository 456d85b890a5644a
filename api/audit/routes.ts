/**
 * The auditor's routes: an assignment's Temporal histories exported, recorded histories replayed against the current
 * workflow code, the audit chain anchored and verified.
 */
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { FastifyPluginAsync } from 'fastify';
import { AnchorSchema, ChainReportSchema, ReplayReportSchema } from '../../contracts/audit';
import { verifyAuditChain } from '../../domain/audit/chain';
import { assignmentExists, auditRowAt, closedAssignmentIds } from '../../domain/audit/reads';
import { replayHistories, type HistoryToReplay } from '../../histories/replay';
import { assignmentHistories } from '../../histories/workflow-histories';
import { AUDITOR_AND_LEADERSHIP } from '../../machines/roles';
import { auditConfidentialRead } from '../audited-read';
import type { RouteDeps } from '../deps';
import { Refusal, notFound } from '../errors';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import { z } from 'zod';
import { anchorNow, latestAnchor } from './anchor-workflow';
import { ReplayBodySchema } from './schemas';

/** Histories hold evaluations and complaints verbatim: only the auditor and leadership may export them. */
const HISTORY_READERS = AUDITOR_AND_LEADERSHIP;
const AUDITORS = ['AUDITOR'] as const;
/** A five-year assignment's histories are a few MiB of JSON. */
const REPLAY_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

export const auditRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, provider, temporal }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/assignments/:id/history',
    {
      config: { roles: HISTORY_READERS },
      schema: {
        tags: ['audit'],
        summary:
          'The Temporal event histories of an assignment: every run of its workflow, its months, evaluations and complaints',
        params: IdParamsSchema,
        response: {
          200: z.object({
            assignmentId: z.string(),
            runs: z.array(
              z.object({
                workflowId: z.string(),
                runId: z.string(),
                history: z.unknown().meta({ description: "The run's history in Temporal's JSON form" }),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await assignmentExists(prisma, id))) throw notFound('assignment', id);
      const runs = await assignmentHistories(temporal, prisma, id);
      await auditConfidentialRead({ prisma, provider }, request, {
        entityType: 'WorkflowHistory',
        entityId: id,
        assignmentId: id,
        ids: runs.map((r) => r.runId),
      });
      const body = {
        assignmentId: id,
        runs: runs.map((run) => ({
          workflowId: run.workflowId,
          runId: run.runId,
          history: JSON.parse(historyToJSON(run.history)) as unknown,
        })),
      };
      return reply.header('content-disposition', `attachment; filename="assignment-${id}-history.json"`).send(body);
    },
  );

  app.post(
    '/audit/replay',
    {
      config: { roles: AUDITORS },
      bodyLimit: REPLAY_BODY_LIMIT_BYTES,
      schema: {
        tags: ['audit'],
        summary:
          'Replays recorded histories against the current workflow code: one assignment ({assignmentId}), an uploaded history ({history, workflowId}) or, with {} or {closedLimit}, every closed assignment',
        body: ReplayBodySchema,
        response: { 200: ReplayReportSchema },
      },
    },
    async (request) => {
      const body = request.body;
      let histories: HistoryToReplay[];
      if ('history' in body) {
        histories = [{ workflowId: body.workflowId, history: parseHistory(body.history) }];
      } else if ('assignmentId' in body) {
        if (!(await assignmentExists(prisma, body.assignmentId))) throw notFound('assignment', body.assignmentId);
        histories = await assignmentHistories(temporal, prisma, body.assignmentId);
      } else {
        histories = [];
        for (const id of await closedAssignmentIds(prisma, body.closedLimit))
          histories.push(...(await assignmentHistories(temporal, prisma, id)));
      }
      return replayHistories(histories);
    },
  );

  app.post(
    '/audit/anchor',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary:
          "Anchors the audit chain's head now in the audit anchor workflow (it also does every AUDIT_ANCHOR_MINUTES); a chain that no longer holds the last anchor keeps that anchor",
        response: { 200: AnchorSchema },
      },
    },
    async () => anchorNow(temporal),
  );

  app.get(
    '/audit/verify',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary:
          "Recomputes the audit table's keyed hash chain and checks it against the last anchor of its head kept by the audit anchor workflow; names the first row that does not hold (edited, deleted, rehashed without the key, or the newest rows truncated)",
        response: { 200: ChainReportSchema },
      },
    },
    async () => {
      const anchor = await latestAnchor(temporal);
      const verdict = await verifyAuditChain(prisma, { anchor });
      const common = { rows: verdict.rows, head: verdict.head, anchor };
      if (verdict.intact) return { ok: true, ...common, firstBroken: null };
      const row = await auditRowAt(prisma, verdict.firstBrokenSeq);
      return {
        ok: false,
        ...common,
        firstBroken: {
          seq: verdict.firstBrokenSeq,
          reason: verdict.reason,
          message: verdict.message,
          at: row?.at.toISOString(),
          action: row?.action,
          entityType: row?.entityType,
          entityId: row?.entityId,
        },
      };
    },
  );
};

function parseHistory(json: unknown): HistoryToReplay['history'] {
  try {
    return historyFromJSON(json);
  } catch (error) {
    throw new Refusal(400, 'INVALID_HISTORY', `Not a Temporal history: ${(error as Error).message}`, {
      path: 'history',
    });
  }
}
