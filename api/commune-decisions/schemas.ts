import { z } from 'zod';
import { DaySchema } from '../../machines/day';
import { ReassignmentGroundSchema } from '../../machines/commune-decisions';
import { WrittenDecisionSchema } from '../../workflows/assignment.schemas';

const IdSchema = z.string().trim().min(1).max(200);
const ReasonSchema = z.string().trim().min(1).max(5_000);

export const ProposalParamsSchema = z.strictObject({ proposalId: IdSchema });
export const LinkParamsSchema = z.strictObject({ linkId: IdSchema });

export const ProposalListQuerySchema = z.strictObject({
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).optional(),
});

export const AppointmentProposalBodySchema = z.strictObject({
  /** A programme the Standing Committee decides. */
  programmeId: IdSchema,
  /** A commune or ward of the programme's kinds, in force from `from`. */
  areaId: IdSchema,
  /** The agency member (one of its leaders) proposed. */
  memberId: IdSchema,
  reason: ReasonSchema,
  /** The first day of the link; today (Vietnam's day) when absent. */
  from: DaySchema.optional(),
});

export const ReassignmentProposalBodySchema = z.strictObject({
  /** The leader the commune goes to. */
  memberId: IdSchema,
  ground: ReassignmentGroundSchema,
  /** The commune committee's comment asking for another monitor, when the ground is its request. */
  groundCommentId: IdSchema.optional(),
  reason: ReasonSchema,
  from: DaySchema.optional(),
});

/** The Standing Committee's decision: its number in its own register and its day; the signer is the caller. */
const ScDecisionSchema = WrittenDecisionSchema.pick({ number: true, issuedOn: true });

export const DecisionBodySchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('APPROVE'),
    decision: ScDecisionSchema,
    comment: z.string().trim().max(5_000).optional(),
  }),
  z.strictObject({ outcome: z.literal('REFUSE'), comment: ReasonSchema }),
]);
