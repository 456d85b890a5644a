import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CommuneFilingArgs, CommuneFilingResult, CommuneLinkEndedArgs } from './commune-monitoring.schemas';

export * from './commune-monitoring.schemas';

export { communeMonitoringWorkflowId } from '../machines/commune-filings';

export interface CommuneMonitoringView {
  linkId: string;
  year: number;
  policyVersion: { programmeId: string; label: string } | null;
  filings: { kind: string; period: string; dueOn: string; status: string }[];
  ended: boolean;
}

/** A filing of the leader (programme, periodic report, yearly report), on time or late. */
export const fileCommuneFilingUpdate = defineUpdate<CommuneFilingResult, [CommuneFilingArgs]>('fileCommuneFiling');
/** The link ended (its `until` set, or it was removed): the run records the end and stops. */
export const communeLinkEndedSignal = defineSignal<[CommuneLinkEndedArgs]>('communeLinkEnded');
export const communeMonitoringStateQuery = defineQuery<CommuneMonitoringView>('communeMonitoringState');
