/** A reserved opinion, as its author and those with a part in its subject read it. */
import { z } from 'zod';
import { pageSchema } from './page';

export const OpinionSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type Opinion = z.infer<typeof OpinionSchema>;

export const OpinionPageSchema = pageSchema(OpinionSchema);
