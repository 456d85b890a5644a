import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ApproveArgs,
  ProposeArgs,
  RejectArgs,
  ReportPositionChangeArgs,
  WithdrawArgs,
} from './assignment.schemas';
import type { Ground } from '../machines/assignment.machine';

export * from './assignment.schemas';

export interface AssignmentView {
  assignmentId: string;
  areaId: string;
  officialId: string;
  state: string;
  allowedEvents: string[];
  yearsServed: number;
  pendingProposal: { id: string; kind: string; proposedBy: string; successorOfficialId?: string | undefined } | null;
  grounds: Ground[];
  closureReason: string | null;
  areaLeftUnmonitored: boolean;
  successorAssignmentId: string | null;
  /** An assignment in force brought in by import: when, by whom, from which file; its first month. */
  imported?: { on: string; by: string; file: string; line: number; firstMonth: string | undefined } | undefined;
  deadlines: {
    effectiveFrom: string;
    rotationEligibleAt: string;
    rotationDueAt: string;
    nextMonthlyCycle: string | null;
    nextEvaluationRequest: string | null;
    nextRotationEscalation: string | null;
  };
}

export const approveUpdate = defineUpdate<AssignmentView, [ApproveArgs]>('approve');
export const rejectUpdate = defineUpdate<AssignmentView, [RejectArgs]>('reject');
export const withdrawUpdate = defineUpdate<AssignmentView, [WithdrawArgs]>('withdraw');
export const proposeUpdate = defineUpdate<AssignmentView, [ProposeArgs]>('propose');
export const reportPositionChangeUpdate = defineUpdate<AssignmentView, [ReportPositionChangeArgs]>(
  'reportPositionChange',
);
export const assignmentStateQuery = defineQuery<AssignmentView>('assignmentState');
