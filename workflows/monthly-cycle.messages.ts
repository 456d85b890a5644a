import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FilePlanArgs, FileReportArgs } from './monthly-cycle.schemas';

export * from './monthly-cycle.schemas';

export interface FilingResult {
  late: boolean;
  state: string;
}

export interface MonthlyCycleView {
  assignmentId: string;
  period: string;
  state: string;
  allowedEvents: string[];
  deadlines: { plan: string; report: string };
}

export const filePlanUpdate = defineUpdate<FilingResult, [FilePlanArgs]>('filePlan');
export const fileReportUpdate = defineUpdate<FilingResult, [FileReportArgs]>('fileReport');
export const monthlyCycleStateQuery = defineQuery<MonthlyCycleView>('monthlyCycleState');
