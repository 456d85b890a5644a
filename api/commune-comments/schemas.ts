/** The comment form routes' parameters, queries and bodies; the answers are the browser's too (contracts/). */
import { z } from 'zod';
import { CommentExemptionSchema, CommentFormSchema } from '../../machines/commune-comment';

export const CommentParamsSchema = z.strictObject({ id: z.string().trim().min(1).max(300) });
export const CommentListQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2200),
  requestsAnotherMonitor: z.enum(['true', 'false']).optional(),
});
// The actor always comes from the token: the bodies are the update arguments without it.
export const CommentSubmissionBodySchema = CommentFormSchema.strict();
export const CommentExemptionBodySchema = CommentExemptionSchema.strict();
