import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  filePlanArgsOfMonth,
  FileReportArgsSchema,
  filePlanUpdate,
  fileReportUpdate,
  monthlyCycleStateQuery,
} from './monthly-cycle.messages';
import { openDeadlines, watchFiling } from './monthly-cycle/deadlines';
import { filePlan, fileReport } from './monthly-cycle/filings';
import { areaCeased } from './monthly-cycle/reorganisation';
import { areaCeasedSignal } from './cross-workflow.messages';
import { type MonthlyCycleInput, MonthRun } from './monthly-cycle/run-state';
import { parseInput } from './refusal';

export type { MonthlyCycleInput } from './monthly-cycle/run-state';

/**
 * One month of an assignment (Đ8.1, Đ8.2): the plan is due on a working day early in the month, the
 * report a few working days after it ends. Before each deadline a reminder; after it the miss is
 * recorded against the official and escalated to the group leader, then the leader in charge.
 * This file wires the run's state (monthly-cycle/run-state.ts), the filings (monthly-cycle/filings.ts) and the
 * deadlines (monthly-cycle/deadlines.ts); every command is issued where it always was, so recorded histories replay.
 */
export async function monthlyCycleWorkflow(input: MonthlyCycleInput): Promise<{ plan: string; report: string }> {
  const run = new MonthRun(input);
  const { machine } = run;

  setHandler(monthlyCycleStateQuery, () => run.view());
  run.batchStepsDue();
  // The month's plan schema is built by the first plan sent, not by every month: most months of a catch-up get none.
  let planArgsSchema: ReturnType<typeof filePlanArgsOfMonth> | undefined;
  setHandler(filePlanUpdate, (args) => filePlan(run, args), {
    validator: (args) =>
      machine.validate({
        type: 'FILE_PLAN',
        actor: parseInput((planArgsSchema ??= filePlanArgsOfMonth(input.period)), args).actor,
      }),
  });
  setHandler(fileReportUpdate, (args) => fileReport(run, args), {
    validator: (args) => machine.validate({ type: 'FILE_REPORT', actor: parseInput(FileReportArgsSchema, args).actor }),
  });

  setHandler(areaCeasedSignal, (args) => areaCeased(run, args));

  const openings = await openDeadlines(run);
  run.deadlinesOpened = true;
  const [plan, report] = await Promise.all([watchFiling(run, 'PLAN'), watchFiling(run, 'REPORT')]);
  if (run.batch) {
    await run.batch.flush();
    await openings.landed;
  }
  await condition(allHandlersFinished);
  return { plan, report };
}
