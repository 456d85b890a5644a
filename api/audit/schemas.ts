/** What the audit routes accept: the histories to replay (their answers are the browser's too: contracts/audit.ts). */
import { z } from 'zod';

/** Temporal's JSON history format, as exported by this API, the Web UI or `temporal workflow show --output json`. */
const HistoryJsonSchema = z.looseObject({
  events: z.array(z.looseObject({})).min(1, 'a history has at least one event'),
});

export const ReplayBodySchema = z.union([
  z.strictObject({ assignmentId: z.string().trim().min(1).max(200) }),
  z.strictObject({
    workflowId: z.string().trim().min(1).max(400).default('uploaded-history'),
    history: HistoryJsonSchema,
  }),
  z.strictObject({ closedLimit: z.number().int().min(1).max(500).default(100) }),
]);

/** The largest row number or tree size the log can hold (its columns are 32-bit integers on PostgreSQL). */
const LARGEST = 2_147_483_647;

const count = (field: string) =>
  z.coerce
    .number({ error: `${field} must be a whole number` })
    .int(`${field} must be a whole number`)
    .min(0)
    .max(LARGEST, `${field} is at most ${LARGEST}`);

export const InclusionQuerySchema = z.strictObject({
  seq: count('seq').min(1, 'seq starts at 1'),
  treeSize: count('treeSize').min(1).optional(),
});
export const ConsistencyQuerySchema = z
  .strictObject({ from: count('from'), to: count('to') })
  .refine((q) => q.from <= q.to, { path: ['from'], message: 'from must not be greater than to' });
export const ExportQuerySchema = z.strictObject({
  from: count('from').default(1),
  to: count('to').default(LARGEST),
  limit: z.coerce.number().int().min(1).max(5_000).default(1_000),
});
