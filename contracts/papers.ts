/** The answers of the papers' routes: the committee's terms the registers number in. */
import { z } from 'zod';

export const CommitteeTermSchema = z.object({
  id: z.string(),
  /** YYYY-MM-DD: the first day of the term, the day its congress closed. */
  startsOn: z.string(),
  congress: z.string(),
  /** The official who recorded it. */
  recordedById: z.string(),
  recordedAt: z.string(),
});
export type CommitteeTermAnswer = z.infer<typeof CommitteeTermSchema>;
