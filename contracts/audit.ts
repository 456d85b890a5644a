/** The auditor's answers: the audit chain's verification, its anchor, and the replay of workflow histories. */
import { z } from 'zod';
import { ExportedRowSchema as ExportedAuditRowSchema } from '../machines/tlog/leaf';

export const ReplayVerdictSchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
});
export const ChainPointSchema = z.object({ seq: z.number(), hash: z.string() });
export const AnchorSchema = ChainPointSchema.extend({
  at: z.string(),
  /** The Merkle log's checkpoint signed with the anchor; absent before checkpoints were signed. */
  checkpoint: z.lazy(() => SignedCheckpointSchema).optional(),
});
/** `GET /audit/verify`: whether the chain holds, from its first row to its head, and where it breaks. */
export const ChainReportSchema = z.object({
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

export const ReplayReportSchema = z.object({
  results: z.array(ReplayVerdictSchema),
  replayed: z.number(),
  failed: z.number(),
});
export type ChainReport = z.infer<typeof ChainReportSchema>;
export type ReplayReport = z.infer<typeof ReplayReportSchema>;

/** A signed checkpoint of the Merkle log: the C2SP signed note and what it says. */
export const SignedCheckpointSchema = z.object({
  at: z.string(),
  size: z.number(),
  root: z.string().describe('base64 root hash'),
  note: z.string().describe('the checkpoint body, a blank line, its signature lines (C2SP signed-note)'),
  cosignatures: z
    .array(z.string())
    .optional()
    .describe(
      "the witnesses' C2SP tlog-cosignature lines for this checkpoint; the note with them added is the cosigned checkpoint",
    ),
});
export const CheckpointListSchema = z.object({
  origin: z.string(),
  publicKey: z.string(),
  checkpoints: z.array(SignedCheckpointSchema),
  lastRefusal: z.string().nullable(),
});
export const PublicKeySchema = z.object({
  origin: z.string(),
  publicKey: z.string().describe('the note verifier key: <name>+<hex key id>+<base64(0x01 || Ed25519 public key)>'),
  previousKeys: z.array(z.string()).describe('keys being rotated out, still signing'),
});
/** A row as its Merkle leaf covers it: the verifier's own schema, so the export and the check cannot drift. */
export { ExportedAuditRowSchema };
export const InclusionProofSchema = z.object({
  seq: z.number(),
  leafIndex: z.number(),
  treeSize: z.number(),
  root: z.string(),
  proof: z.array(z.string()).describe('base64 hashes, RFC 9162 §2.1.3'),
  row: ExportedAuditRowSchema,
});
export const ConsistencyProofSchema = z.object({
  from: z.number(),
  to: z.number(),
  fromRoot: z.string(),
  toRoot: z.string(),
  proof: z.array(z.string()).describe('base64 hashes, RFC 9162 §2.1.4'),
});
export const AuditExportSchema = z.object({
  origin: z.string(),
  treeSize: z.number(),
  rows: z.array(ExportedAuditRowSchema),
  next: z.number().nullable().describe('the seq to ask from for the next page; null at the end'),
});
/** A decision's audit row and its inclusion proof against the first kept checkpoint holding it. */
export const DecisionProofSchema = z.object({
  decision: z.object({
    id: z.string(),
    number: z.string(),
    issuedOn: z.string(),
    assignmentId: z.string().nullable(),
  }),
  seq: z.number().nullable().describe('the audit row that issued the decision; null when none names it'),
  checkpoint: SignedCheckpointSchema.nullable().describe('null until a checkpoint holding the row is signed'),
  inclusion: InclusionProofSchema.nullable().describe("the row's inclusion proof against that checkpoint"),
});
