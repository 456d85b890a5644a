/** The `q` query parameter of the list routes; the match itself is the records' (domain/text-match.ts). */
import { z } from 'zod';

export { textMatcher } from '../domain/text-match';

/** The `q` query parameter: trimmed, at most 100 characters; empty means no search (a cleared search box). */
export const searchQuery = z
  .string()
  .max(100)
  .optional()
  .transform((q) => (q?.trim() ? q.trim() : undefined));
