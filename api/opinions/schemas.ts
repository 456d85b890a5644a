/** The reserved opinion routes' body, query parameters and answers. */
import { z } from 'zod';
import { SUBJECT_TYPES } from '../../domain/opinions/reads';

const SubjectTypeSchema = z.enum(SUBJECT_TYPES);
const SubjectIdSchema = z.string().trim().min(1).max(300).meta({
  description:
    "The subject's id; an AnnualEvaluation is addressed as <assignmentId>/<year>, a MonthlyReport as <assignmentId>/<YYYY-MM>",
});

export const CreateBodySchema = z.strictObject({
  subjectType: SubjectTypeSchema,
  subjectId: SubjectIdSchema,
  text: z.string().trim().min(1, 'the opinion needs its text').max(20_000),
});

const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The id of the last opinion of the previous page (`nextCursor`). */
  cursor: z.string().min(1).max(200).optional(),
};
export const SubjectQuerySchema = z.strictObject({
  subjectType: SubjectTypeSchema,
  subjectId: SubjectIdSchema,
  ...page,
});
export const MineQuerySchema = z.strictObject(page);

export { OpinionPageSchema, OpinionSchema } from '../../contracts/opinions';
