/**
 * An assignment's answers: `GET /assignments/:id` (the workflow's view and the stored record), the approval inbox, and
 * what filing a month's plan or report answers. The view is the workflow's own query answer (workflows/).
 */
import { z } from 'zod';
import type { AssignmentView } from '../workflows/assignment.messages';
import { ApprovalKindSchema, ApprovalStatusSchema, ClosureReasonSchema } from './codes';
import { pageSchema } from './page';

export type { Ground } from '../machines/assignment.machine';
export type { AssignmentView };
export type { FilingResult } from '../workflows/monthly-cycle.messages';

/** The stored assignment, as `GET /assignments/:id` sends it (its row, dates as ISO instants). */
export const AssignmentRecordSchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  areaId: z.string(),
  officialId: z.string(),
  groupId: z.string().nullable(),
  state: z.string(),
  proposedById: z.string(),
  approvedById: z.string().nullable(),
  decisionId: z.string().nullable(),
  effectiveFrom: z.iso.datetime(),
  rotationEligibleAt: z.iso.datetime(),
  rotationDueAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  closureReason: ClosureReasonSchema.nullable(),
  predecessorId: z.string().nullable(),
  /** The programme whose rules it follows (GET /programmes/:id). */
  programmeId: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AssignmentRecord = z.infer<typeof AssignmentRecordSchema>;

/** `GET /assignments/:id`: the record is null until the workflow has stored it (just proposed). */
export interface AssignmentDetail {
  view: AssignmentView;
  record: AssignmentRecord | null;
}

/** A proposal waiting for Board leadership (`GET /approvals/inbox`), as stored. */
export const ApprovalRequestSchema = z.object({
  id: z.string(),
  /** Null for a proposal about an area (AREA_SUCCESSOR), which names it in `areaId`. */
  assignmentId: z.string().nullable(),
  areaId: z.string().nullable(),
  kind: ApprovalKindSchema,
  status: ApprovalStatusSchema,
  proposedById: z.string(),
  reason: z.string(),
  /** The proposal's own fields (the successor, the ground…), as the workflow stored them. */
  payload: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.iso.datetime(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

export const ApprovalInboxSchema = pageSchema(ApprovalRequestSchema);
