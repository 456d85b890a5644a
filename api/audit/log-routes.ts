/**
 * The audit log as a verifiable Merkle log: its public key, its signed checkpoints, inclusion and consistency proofs,
 * and the rows' leaves exported, for auditors to check offline with `npm run verify` (no key, no database).
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  AuditExportSchema,
  CheckpointListSchema,
  ConsistencyProofSchema,
  DecisionProofSchema,
  InclusionProofSchema,
  PublicKeySchema,
  SignedCheckpointSchema,
} from '../../contracts/audit';
import { decisionInclusion, decisionRow } from '../../domain/audit/decision-proof';
import { auditOrigin, auditSigning } from '../../domain/audit/signing';
import {
  consistencyProof,
  exportRows,
  inclusionProof,
  ProofUnavailable,
  rootAt,
  treeHead,
} from '../../domain/audit/tree';
import { RULE_VIOLATED } from '../../machines/rules';
import { toBase64 } from '../../machines/tlog/merkle';
import type { RouteDeps } from '../deps';
import { notFound, Refusal } from '../errors';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import { anchorNow, checkpointView } from './anchor-workflow';
import { ConsistencyQuerySchema, ExportQuerySchema, InclusionQuerySchema } from './schemas';

const AUDITORS = ['AUDITOR'] as const;

const unavailable = (error: unknown, field: string): never => {
  if (error instanceof ProofUnavailable || error instanceof RangeError)
    throw new Refusal(422, RULE_VIOLATED, error.message, { rule: 'PROOF_WITHIN_TREE', path: field });
  throw error;
};

export const auditLogRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma, temporal }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/audit/public-key',
    {
      schema: {
        tags: ['audit'],
        summary:
          "The audit log's checkpoint verifier key (C2SP signed-note), public: anyone may check a checkpoint with it",
        response: { 200: PublicKeySchema },
      },
    },
    async () => {
      const [current, ...previous] = auditSigning().keys;
      return { origin: auditOrigin(), publicKey: current!.text, previousKeys: previous.map((k) => k.text) };
    },
  );

  app.get(
    '/audit/checkpoints',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary:
          "The latest signed checkpoints of the audit log's Merkle tree kept in the audit anchor workflow's history, oldest first",
        response: { 200: CheckpointListSchema },
      },
    },
    async () => {
      const view = await checkpointView(temporal);
      return {
        origin: auditOrigin(),
        publicKey: auditSigning().keys[0]!.text,
        checkpoints: view.checkpoints,
        lastRefusal: view.lastRefusal,
      };
    },
  );

  app.post(
    '/audit/checkpoints',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary:
          "Signs a checkpoint of the audit log now (with the anchor of the chain's head); a tree that no longer extends the last checkpoint is refused (422)",
        response: { 200: SignedCheckpointSchema },
      },
    },
    async () => {
      const anchor = await anchorNow(temporal);
      const view = await checkpointView(temporal);
      const latest = view.checkpoints.at(-1);
      if (view.lastRefusal && view.lastRefusalAt && (!latest || view.lastRefusalAt >= anchor.at))
        throw new Refusal(422, RULE_VIOLATED, view.lastRefusal, { rule: 'CHECKPOINT_EXTENDS_PREVIOUS' });
      if (!latest) throw new Refusal(503, 'AUDIT_CHECKPOINT_NOT_SIGNED', 'No checkpoint signed yet');
      return latest;
    },
  );

  app.get(
    '/audit/proofs/inclusion',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary:
          "The row at `seq` (its leaf's fields) and the proof that its leaf is in the tree of `treeSize` leaves (the newest tree unless given), RFC 9162 §2.1.3",
        querystring: InclusionQuerySchema,
        response: { 200: InclusionProofSchema },
      },
    },
    async (request) => {
      const { seq, treeSize } = request.query;
      const found = await inclusionProof(prisma, seq, treeSize).catch((e: unknown) => unavailable(e, 'seq'));
      return { ...found, root: toBase64(found.root), proof: found.proof.map(toBase64) };
    },
  );

  app.get(
    '/audit/decisions/:id/proof',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary:
          "A decision of the register, its audit row, and the row's inclusion proof against the first kept checkpoint holding it (a checkpoint is signed at every decision issued)",
        params: IdParamsSchema,
        response: { 200: DecisionProofSchema },
      },
    },
    async (request) => {
      const found = await decisionRow(prisma, request.params.id);
      if (!found) throw notFound('decision', request.params.id);
      const proved =
        found.row && (await decisionInclusion(prisma, found.row, (await checkpointView(temporal)).checkpoints));
      return {
        decision: found.decision,
        seq: found.row?.seq ?? null,
        checkpoint: proved?.checkpoint ?? null,
        inclusion: proved
          ? {
              ...proved.inclusion,
              root: toBase64(proved.inclusion.root),
              proof: proved.inclusion.proof.map(toBase64),
            }
          : null,
      };
    },
  );

  app.get(
    '/audit/proofs/consistency',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary:
          'The proof that the tree of `from` leaves is a prefix of the tree of `to` leaves, with both roots, RFC 9162 §2.1.4',
        querystring: ConsistencyQuerySchema,
        response: { 200: ConsistencyProofSchema },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const { size } = await treeHead(prisma);
      if (to > size) unavailable(new ProofUnavailable(`the tree has ${size} leaves, not ${to}`), 'to');
      const [proof, fromRoot, toRoot] = await Promise.all([
        consistencyProof(prisma, from, to),
        rootAt(prisma, from),
        rootAt(prisma, to),
      ]).catch((e: unknown) => unavailable(e, 'from'));
      return { from, to, fromRoot: toBase64(fromRoot), toRoot: toBase64(toRoot), proof: proof.map(toBase64) };
    },
  );

  app.get(
    '/audit/export',
    {
      config: { roles: AUDITORS },
      schema: {
        tags: ['audit'],
        summary:
          'The audit rows with seq in [from, to], each as its Merkle leaf covers it (the leaf is the canonical JSON of these fields: docs/audit.md), a page at a time',
        querystring: ExportQuerySchema,
        response: { 200: AuditExportSchema },
      },
    },
    async (request) => {
      const { from, to, limit } = request.query;
      const [rows, head] = await Promise.all([exportRows(prisma, from, to, limit + 1), treeHead(prisma)]);
      const next = rows.length > limit ? rows[limit]!.seq : null;
      return { origin: auditOrigin(), treeSize: head.size, rows: rows.slice(0, limit), next };
    },
  );
};
