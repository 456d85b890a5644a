import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { verifyAuditChain } from '../../activities/audit-chain';
import { replayHistories, type HistoryToReplay } from '../../histories/replay';
import { assignmentHistories } from '../../histories/workflow-histories';
import { auditConfidentialRead } from '../audited-read';
import { HttpError, notFound } from '../errors';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { IdParamsSchema } from '../params';
import { AUDITOR_AND_LEADERSHIP } from '../../machines/roles';

/** Histories hold evaluations and complaints verbatim: only the auditor and leadership may export them. */
const HISTORY_READERS = AUDITOR_AND_LEADERSHIP;
const AUDITORS = ['AUDITOR'] as const;
/** A five-year assignment's histories are a few MiB of JSON. */
const REPLAY_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** Temporal's JSON history format, as exported by this API, the Web UI or `temporal workflow show --output json`. */
const HistoryJsonSchema = z.looseObject({
  events: z.array(z.looseObject({})).min(1, 'a history has at least one event'),
});

const ReplayBodySchema = z.union([
  z.strictObject({ assignmentId: z.string().trim().min(1).max(200) }),
  z.strictObject({
    workflowId: z.string().trim().min(1).max(400).default('uploaded-history'),
    history: HistoryJsonSchema,
  }),
  z.strictObject({ closedLimit: z.number().int().min(1).max(500).default(100) }),
]);

const ReplayVerdictSchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
});
const ReplayReportSchema = z.object({
  results: z.array(ReplayVerdictSchema),
  replayed: z.number(),
  failed: z.number(),
});

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
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await prisma.assignment.findUnique({ where: { id }, select: { id: true } })))
        throw notFound('assignment', id);
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
        if (!(await prisma.assignment.findUnique({ where: { id: body.assignmentId }, select: { id: true } })))
          throw notFound('assignment', body.assignmentId);
        histories = await assignmentHistories(temporal, prisma, body.assignmentId);
      } else {
        const closed = await prisma.assignment.findMany({
          where: { closedAt: { not: null } },
          select: { id: true },
          orderBy: { closedAt: 'asc' },
          take: body.closedLimit,
        });
        histories = [];
        for (const { id } of closed) histories.push(...(await assignmentHistories(temporal, prisma, id)));
      }
      return replayHistories(histories);
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary: 'Recomputes the hash chain of the audit table and names the first row that does not hold',
      },
    },
    async () => {
      const verdict = await verifyAuditChain(prisma);
      if (verdict.intact) return { ok: true, rows: verdict.rows, firstBroken: null };
      const row = await prisma.auditEvent.findUnique({ where: { seq: verdict.firstBrokenSeq } });
      return {
        ok: false,
        rows: verdict.rows,
        firstBroken: {
          seq: verdict.firstBrokenSeq,
          reason: verdict.reason,
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
    throw new HttpError(400, 'INVALID_HISTORY', `Not a Temporal history: ${(error as Error).message}`, {
      path: 'history',
    });
  }
}
