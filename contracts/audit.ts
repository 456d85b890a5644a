/** The auditor's answers: the audit chain's verification, its anchor, and the replay of workflow histories. */
import { z } from 'zod';

export const ReplayVerdictSchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
});
export const ChainPointSchema = z.object({ seq: z.number(), hash: z.string() });
export const AnchorSchema = ChainPointSchema.extend({ at: z.string() });
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
