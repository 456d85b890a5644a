/** An annual evaluation as its readers see it (as much as each may), and the workflow's view of one. */
import { z } from 'zod';
import { RatingSchema } from './codes';

export { type Rating, RatingSchema } from './codes';

export const EvaluationSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  year: z.number(),
  /** What of the evaluation the caller may see; the fields withheld from them are null. */
  visibility: z.enum(['full', 'areaCommittee', 'official']),
  state: z.string(),
  requestedAt: z.string(),
  dueAt: z.string(),
  receivedAt: z.string().nullable(),
  /** The committee's written evaluation (full and areaCommittee). */
  areaEvaluation: z
    .object({
      submittedById: z.string().nullable(),
      responsibility: z.string().nullable(),
      method: z.string().nullable(),
      coordination: z.string().nullable(),
      contributions: z.string().nullable(),
      shortcomings: z.string().nullable(),
      /** The area's assessment of the group's leader (Đ9.5); null when it wrote none. */
      groupLeaderAssessment: z.string().nullable(),
      proposesReplacement: z.boolean(),
    })
    .nullable(),
  /** The group leader's proposal (full only). */
  proposal: z
    .object({ rating: RatingSchema, notes: z.string().nullable(), proposedById: z.string().nullable() })
    .nullable(),
  /** Leadership's rating (full and official). */
  rating: z
    .object({ rating: RatingSchema, ratedById: z.string().nullable(), ratedAt: z.string().nullable() })
    .nullable(),
  /** How to address this evaluation in `POST /opinions`. */
  opinionSubject: z.object({ subjectType: z.literal('AnnualEvaluation'), subjectId: z.string() }),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** `GET /assignments/:id/evaluations`. */
export const EvaluationListSchema = z.object({ assignmentId: z.string(), items: z.array(EvaluationSchema) });

export const EvaluationDetailSchema = EvaluationSchema.extend({
  /** The workflow's view while it runs; null once it has ended (the record is then final). */
  workflow: z.object({ state: z.string(), allowedEvents: z.array(z.string()), dueAt: z.string() }).nullable(),
  allowedEvents: z.array(z.string()),
});
export type EvaluationDetail = z.infer<typeof EvaluationDetailSchema>;

export const EvaluationViewSchema = z.object({
  assignmentId: z.string(),
  year: z.number(),
  state: z.string(),
  allowedEvents: z.array(z.string()),
  dueAt: z.string(),
});
export type EvaluationView = z.infer<typeof EvaluationViewSchema>;
