import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  evaluationStateQuery,
  ProposeRatingArgsSchema,
  proposeRatingUpdate,
  RateArgsSchema,
  rateUpdate,
  SubmitAreaEvaluationArgsSchema,
  submitAreaEvaluationUpdate,
} from './annual-evaluation.messages';
import { proposeRating, rate, submitAreaEvaluation } from './annual-evaluation/decisions';
import { type AnnualEvaluationInput, EvaluationRun } from './annual-evaluation/run-state';
import { reportGrounds, watchAreaEvaluation } from './annual-evaluation/time';
import { parseInput } from './refusal';
import { areaCeasedSignal } from './cross-workflow.messages';
import { areaCeased } from './annual-evaluation/reorganisation';

export type { AnnualEvaluationInput } from './annual-evaluation/run-state';

/**
 * The yearly evaluation (Đ9.5, Đ12): requested from the area's standing committee with a deadline,
 * reminder and escalation; then the group leader's proposal and leadership's rating. A "not completed"
 * rating, or an area asking for a replacement, is reported to the assignment as a ground for early reassignment.
 * This file wires the run's state (annual-evaluation/run-state.ts), people's steps (annual-evaluation/decisions.ts)
 * and time (annual-evaluation/time.ts); every command is issued where it always was, so recorded histories replay.
 */
export async function annualEvaluationWorkflow(input: AnnualEvaluationInput): Promise<{ rating: string | undefined }> {
  const run = new EvaluationRun(input);
  const { machine } = run;

  setHandler(evaluationStateQuery, () => run.view());
  setHandler(
    submitAreaEvaluationUpdate,
    run.opening.after((args) => submitAreaEvaluation(run, args)),
    {
      validator: (args) =>
        machine.validate({ type: 'SUBMIT_AREA_EVALUATION', ...parseInput(SubmitAreaEvaluationArgsSchema, args) }),
    },
  );
  setHandler(
    proposeRatingUpdate,
    run.opening.after((args) => proposeRating(run, args)),
    {
      validator: (args) => machine.validate({ type: 'PROPOSE_RATING', ...parseInput(ProposeRatingArgsSchema, args) }),
    },
  );
  setHandler(
    rateUpdate,
    run.opening.after((args) => rate(run, args)),
    {
      validator: (args) => machine.validate({ type: 'RATE', ...parseInput(RateArgsSchema, args) }),
    },
  );

  setHandler(
    areaCeasedSignal,
    run.opening.after((args) => areaCeased(run, args)),
  );

  await run.opening.record(() => run.recordRequested());
  await watchAreaEvaluation(run);
  await condition(() => machine.snapshot.status === 'done');
  await condition(allHandlersFinished);
  await reportGrounds(run);
  return { rating: run.context.rating?.rating };
}
