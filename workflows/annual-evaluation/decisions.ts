import type {
  EvaluationView,
  ProposeRatingArgs,
  RateArgs,
  SubmitAreaEvaluationArgs,
} from '../annual-evaluation.messages';
import type { EvaluationRun } from './run-state';

/**
 * The area's evaluation, the group leader's proposed rating and leadership's rating: the update handlers, registered
 * as they are. Each validates again (another may have landed since its validator ran), applies the event and records
 * it.
 */

export async function submitAreaEvaluation(
  run: EvaluationRun,
  { actor, evaluation }: SubmitAreaEvaluationArgs,
): Promise<EvaluationView> {
  run.machine.validate({ type: 'SUBMIT_AREA_EVALUATION', actor, evaluation });
  await run.step({ type: 'SUBMIT_AREA_EVALUATION', actor, evaluation }, actor.id, 'AREA_EVALUATION_RECEIVED', {
    kind: 'AREA_EVALUATION_RECEIVED',
    submittedById: actor.id,
    evaluation,
  });
  return run.view();
}

export async function proposeRating(
  run: EvaluationRun,
  { actor, rating, notes }: ProposeRatingArgs,
): Promise<EvaluationView> {
  run.machine.validate({ type: 'PROPOSE_RATING', actor, rating, notes });
  await run.step({ type: 'PROPOSE_RATING', actor, rating, notes }, actor.id, 'RATING_PROPOSED', {
    kind: 'RATING_PROPOSED',
    proposedById: actor.id,
    rating,
    notes,
  });
  return run.view();
}

export async function rate(run: EvaluationRun, { actor, rating }: RateArgs): Promise<EvaluationView> {
  run.machine.validate({ type: 'RATE', actor, rating });
  await run.step({ type: 'RATE', actor, rating }, actor.id, 'EVALUATION_RATED', {
    kind: 'RATED',
    ratedById: actor.id,
    rating,
  });
  return run.view();
}
