import { z } from 'zod';

/** `:id` in a route's path. */
export const IdParamsSchema = z.strictObject({ id: z.string().trim().min(1).max(200) });
