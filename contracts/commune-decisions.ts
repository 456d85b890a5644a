import { z } from 'zod';
import { DecisionSignedSchema } from './signatures';

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The Standing Committee's decision, in its own register ("5-QĐ/TU"), signed by the member who approved. */
export const StandingCommitteeDecisionSchema = z.object({
  id: z.string(),
  number: z.string(),
  register: z.string(),
  issuedOn: DaySchema,
  signerUserId: z.string(),
  signerName: z.string(),
  /** "Đã ký số": its verified signed copy, by the member who approved; null while none is kept. */
  signature: DecisionSignedSchema.nullable(),
});

/**
 * A proposal the Board's staff prepared for the Standing Committee: an agency's leader to monitor a commune or ward
 * (APPOINTMENT), or a link to end and the commune to go to another leader (REASSIGNMENT, with its ground).
 */
export const CommuneProposalSchema = z.object({
  id: z.string(),
  kind: z.enum(['APPOINTMENT', 'REASSIGNMENT']),
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN']),
  programme: z.object({ id: z.string(), name: z.string() }),
  area: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  leader: z.object({
    memberId: z.string(),
    userId: z.string(),
    displayName: z.string(),
    title: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
  }),
  /** The link a reassignment ends, with its leader. */
  endsLink: z.object({ id: z.string(), memberId: z.string(), displayName: z.string(), from: DaySchema }).nullable(),
  ground: z.enum(['COMMUNE_REQUEST', 'OTHER']).nullable(),
  /** The commune committee's comment whose request for another monitor is the ground, when it is on record. */
  groundCommentId: z.string().nullable(),
  reason: z.string(),
  from: DaySchema,
  proposedById: z.string(),
  proposedByName: z.string(),
  proposedAt: z.iso.datetime(),
  decidedById: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionComment: z.string().nullable(),
  decision: StandingCommitteeDecisionSchema.nullable(),
  /** The link the approval made. */
  linkId: z.string().nullable(),
});
export type CommuneProposal = z.infer<typeof CommuneProposalSchema>;

export const CommuneProposalListSchema = z.object({ items: z.array(CommuneProposalSchema) });
export type CommuneProposalList = z.infer<typeof CommuneProposalListSchema>;
