/** The approval inbox's query parameters. */
import { z } from 'zod';

export const InboxQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The id of the last request of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
});
