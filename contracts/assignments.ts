/**
 * An assignment's answers: `GET /assignments/:id` (the workflow's view and the stored record), the approval inbox, and
 * what filing a month's plan or report answers. The view is the workflow's own query answer (workflows/).
 */
import { z } from 'zod';
import type { Ground } from '../machines/assignment.machine';
import type { AssignmentView } from '../workflows/assignment.messages';
import type { FilingResult } from '../workflows/monthly-cycle.messages';
import { ApprovalKindSchema, ApprovalStatusSchema, ClosureReasonSchema } from './codes';
import { pageSchema } from './page';

export type { Ground } from '../machines/assignment.machine';
export type { AssignmentView };
export type { FilingResult } from '../workflows/monthly-cycle.messages';

/** A ground for reassignment the assignment holds (a well-founded complaint, a rating, a position change…). */
export const GroundSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('VERIFIED_COMPLAINT'), complaintId: z.string() }),
  z.object({ kind: z.literal('NOT_COMPLETED_RATING'), year: z.number().int() }),
  z.object({ kind: z.literal('POSITION_CHANGED'), note: z.string() }),
  z.object({ kind: z.literal('AREA_PROPOSED_REPLACEMENT'), year: z.number().int() }),
]) satisfies z.ZodType<Ground>;

/** The assignment workflow's view: its state, the events allowed now, its grounds, pending proposal and deadlines. */
export const AssignmentViewSchema = z.object({
  assignmentId: z.string(),
  areaId: z.string(),
  officialId: z.string(),
  state: z.string(),
  allowedEvents: z.array(z.string()),
  yearsServed: z.number(),
  pendingProposal: z
    .object({ id: z.string(), kind: z.string(), proposedBy: z.string(), successorOfficialId: z.string().optional() })
    .nullable(),
  grounds: z.array(GroundSchema),
  closureReason: z.string().nullable(),
  areaLeftUnmonitored: z.boolean(),
  successorAssignmentId: z.string().nullable(),
  imported: z
    .object({
      on: z.string(),
      by: z.string(),
      file: z.string(),
      line: z.number().int(),
      firstMonth: z.string().optional(),
    })
    .optional(),
  deadlines: z.object({
    effectiveFrom: z.string(),
    rotationEligibleAt: z.string(),
    rotationDueAt: z.string(),
    nextMonthlyCycle: z.string().nullable(),
    nextEvaluationRequest: z.string().nullable(),
    nextRotationEscalation: z.string().nullable(),
  }),
});

/** What filing a month's plan or report answers: whether it was late, and the month's state after it. */
export const FilingResultSchema = z.object({ late: z.boolean(), state: z.string() }) satisfies z.ZodType<FilingResult>;

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
  /** The start of the years counted for rotation when earlier than effectiveFrom (carried from a predecessor unit's assignment, or a roster line's); null: effectiveFrom. */
  servedFrom: z.iso.datetime().nullable(),
  /** The programme whose rules it follows (GET /programmes/:id). */
  programmeId: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AssignmentRecord = z.infer<typeof AssignmentRecordSchema>;

/** `GET /assignments/:id`: the record is null until the workflow has stored it (just proposed). */
export const AssignmentDetailSchema = z.object({
  view: AssignmentViewSchema,
  record: AssignmentRecordSchema.nullable(),
});
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
