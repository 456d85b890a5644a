import { WorkflowNotFoundError } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { verifyAuditChain } from '../../domain/audit/chain';
import { replayHistories, type HistoryToReplay } from '../../histories/replay';
import { assignmentHistories } from '../../histories/workflow-histories';
import { auditConfidentialRead } from '../audited-read';
import { Refusal, notFound } from '../errors';
import type { RouteDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { IdParamsSchema } from '../params';
import {
  AUDIT_ANCHOR_WORKFLOW_ID,
  anchorNowUpdate,
  type AuditAnchor,
  auditAnchorsQuery,
} from '../../workflows/audit-anchor.messages';
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
const ChainPointSchema = z.object({ seq: z.number(), hash: z.string() });
const AnchorSchema = ChainPointSchema.extend({ at: z.string() });
const ChainReportSchema = z.object({
  ok: z.boolean(),
  rows: z.number(),
  head: ChainPointSchema,
  anchor: AnchorSchema.nullable(),
  firstBroken: z
    .object({
      seq: z.number(),
      reason: z.enum(['hash', 'link', 'unkeyed', 'truncated', 'anchor']),
      message: z.string(),
      at: z.string().optional(),
      action: z.string().optional(),
      entityType: z.string().optional(),
      entityId: z.string().optional(),
    })
    .nullable(),
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
      const row = await prisma.auditEvent.findUnique({ where: { seq: verdict.firstBrokenSeq } });
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

/** Asks the audit anchor workflow to anchor the head now; 503 when it is not running. */
async function anchorNow(temporal: RouteDeps['temporal']): Promise<AuditAnchor> {
  try {
    return await temporal.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID).executeUpdate(anchorNowUpdate);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      throw new Refusal(503, 'AUDIT_ANCHOR_NOT_RUNNING', 'The audit anchor workflow is not running');
    throw error;
  }
}

/** The anchor the chain is checked against: the audit anchor workflow's latest; null when none runs (yet). */
async function latestAnchor(temporal: RouteDeps['temporal']): Promise<AuditAnchor | null> {
  try {
    const view = await temporal.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID).query(auditAnchorsQuery);
    return view.anchors.at(-1) ?? null;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

function parseHistory(json: unknown): HistoryToReplay['history'] {
  try {
    return historyFromJSON(json);
  } catch (error) {
    throw new Refusal(400, 'INVALID_HISTORY', `Not a Temporal history: ${(error as Error).message}`, {
      path: 'history',
    });
  }
}
