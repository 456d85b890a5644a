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
