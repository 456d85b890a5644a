import type { FilePlanArgs, FileReportArgs, FilingResult } from '../monthly-cycle.messages';
import type { MonthRun } from './run-state';

/**
 * The official's filings (updates), registered as they are. Each validates again: another filing may have landed
 * between the validator and the handler. The input is parsed by the validator only (validators do not run on
 * replay): a plan is refused without its time and place, or with a trip day outside this month (Đ8.1), while the
 * content-only plans already in histories recorded before that rule still replay through the handler.
 */

export function filePlan(run: MonthRun, args: FilePlanArgs): Promise<FilingResult> {
  run.machine.validate({ type: 'FILE_PLAN', actor: args.actor });
  return run.recordFiled(args.actor, { kind: 'PLAN', plan: args.plan });
}

export function fileReport(run: MonthRun, args: FileReportArgs): Promise<FilingResult> {
  run.machine.validate({ type: 'FILE_REPORT', actor: args.actor });
  return run.recordFiled(args.actor, { kind: 'REPORT', report: args.report });
}
