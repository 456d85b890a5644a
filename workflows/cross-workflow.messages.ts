/** Signals one workflow sends another: facts for an assignment, and leadership's answer for a complaint. */
import { defineSignal } from '@temporalio/workflow';
import type { Ground } from '../machines/assignment.machine';
import type { AreaCeasedArgs, AreaReorganizedArgs, YearsServedCarriedArgs } from './cross-workflow.schemas';

export * from './cross-workflow.schemas';

/** Facts other workflows establish for an assignment: a verified complaint, a rating, an area's proposal. */
export const groundEstablishedSignal = defineSignal<[{ ground: Ground }]>('groundEstablished');
/** Sent by a successor assignment when it takes effect, so the predecessor can close. */
export const successorStartedSignal = defineSignal<[{ successorAssignmentId: string }]>('successorStarted');
/** Sent to a complaint workflow once leadership decided the reassignment it grounded. */
export const complaintActedOnSignal =
  defineSignal<[{ action: 'REASSIGNMENT_APPROVED' | 'REASSIGNMENT_REJECTED' }]>('complaintActedOn');
/** Sent by the reorganisation route to each running assignment on a unit that ceases or changes. */
export const areaReorganizedSignal = defineSignal<[AreaReorganizedArgs]>('areaReorganized');
/** Sent by an assignment whose area ceased to each of its months still open: their open filings close. */
export const areaCeasedSignal = defineSignal<[AreaCeasedArgs]>('areaCeased');
/** Sent by the successor proposal's settlement to the assignment leadership decided on the new unit. */
export const yearsServedCarriedSignal = defineSignal<[YearsServedCarriedArgs]>('yearsServedCarried');
