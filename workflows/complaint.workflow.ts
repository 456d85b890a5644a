import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { complaintActedOnSignal } from './cross-workflow.messages';
import {
  complaintStateQuery,
  RecordVerificationArgsSchema,
  recordVerificationUpdate,
  StartVerificationArgsSchema,
  startVerificationUpdate,
} from './complaint.messages';
import { ComplaintRun, type ComplaintInput } from './complaint/run-state';
import { recordFiled, reportIfFounded, watchVerification } from './complaint/time';
import { actedOn, recordVerification, startVerification } from './complaint/verification';
import { parseInput } from './refusal';

export type { ComplaintInput } from './complaint/run-state';

/**
 * A complaint about a monitoring official: verified within a deadline (escalated to the Head of Board
 * when late). Only a complaint verified as well-founded becomes a ground for early reassignment, and
 * the reassignment itself is leadership's decision, taken in the assignment workflow.
 * This file wires the run's state (complaint/run-state.ts), the auditors' steps (complaint/verification.ts) and time
 * (complaint/time.ts); every command is issued where it always was, so recorded histories replay.
 */
export async function complaintWorkflow(
  input: ComplaintInput,
): Promise<{ outcome: string | undefined; action: string | undefined }> {
  const run = new ComplaintRun(input);
  const { machine } = run;

  setHandler(complaintStateQuery, () => run.view());
  setHandler(
    startVerificationUpdate,
    run.opening.after((args) => startVerification(run, args)),
    {
      validator: (args) =>
        machine.validate({ type: 'START_VERIFICATION', ...parseInput(StartVerificationArgsSchema, args) }),
    },
  );
  setHandler(
    recordVerificationUpdate,
    run.opening.after((args) => recordVerification(run, args)),
    {
      validator: (args) =>
        machine.validate({ type: 'RECORD_VERIFICATION', ...parseInput(RecordVerificationArgsSchema, args) }),
    },
  );
  setHandler(complaintActedOnSignal, (args) => actedOn(run, args));

  await run.opening.record(() => recordFiled(run));
  await watchVerification(run);
  await reportIfFounded(run);
  await condition(allHandlersFinished);
  return { outcome: run.context.outcome, action: run.context.action };
}
