/** The evaluation routes' parameters and bodies; the answers are the browser's too (contracts/evaluations.ts). */
import { z } from 'zod';
import {
  ProposeRatingArgsSchema,
  RateArgsSchema,
  SubmitAreaEvaluationArgsSchema,
} from '../../workflows/annual-evaluation.messages';

export const AssignmentParamsSchema = z.strictObject({ id: z.string().trim().min(1).max(200) });
export const YearParamsSchema = z.strictObject({
  id: z.string().trim().min(1).max(200),
  year: z.coerce.number().int().min(2000).max(2200),
});

// The actor always comes from the token: the bodies are the update arguments without it.
export const AreaEvaluationBodySchema = SubmitAreaEvaluationArgsSchema.omit({ actor: true });
export const ProposalBodySchema = ProposeRatingArgsSchema.omit({ actor: true });
export const RatingBodySchema = RateArgsSchema.omit({ actor: true });

export {
  type Evaluation,
  EvaluationDetailSchema,
  EvaluationListSchema,
  EvaluationSchema,
  EvaluationViewSchema,
  RatingSchema,
} from '../../contracts/evaluations';
