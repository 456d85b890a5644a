import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ActorSchema } from '../machines/actor';
import { RATINGS } from '../machines/annual-evaluation.machine';
import type { SubmitAreaEvaluationArgs } from './annual-evaluation.schemas';

export * from './annual-evaluation.schemas';

export const ProposeRatingArgsSchema = z.strictObject({
  actor: ActorSchema,
  rating: z.enum(RATINGS),
  notes: z.string().trim().max(20_000),
});
export type ProposeRatingArgs = z.infer<typeof ProposeRatingArgsSchema>;

export const RateArgsSchema = z.strictObject({ actor: ActorSchema, rating: z.enum(RATINGS) });
export type RateArgs = z.infer<typeof RateArgsSchema>;

export interface EvaluationView {
  assignmentId: string;
  year: number;
  state: string;
  allowedEvents: string[];
  dueAt: string;
}

export const submitAreaEvaluationUpdate = defineUpdate<EvaluationView, [SubmitAreaEvaluationArgs]>(
  'submitAreaEvaluation',
);
export const proposeRatingUpdate = defineUpdate<EvaluationView, [ProposeRatingArgs]>('proposeRating');
export const rateUpdate = defineUpdate<EvaluationView, [RateArgs]>('rate');
export const evaluationStateQuery = defineQuery<EvaluationView>('evaluationState');
