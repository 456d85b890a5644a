/** The complaint routes' bodies, query parameters and answers. */
import { z } from 'zod';
import { DaySchema } from '../../machines/day';
import { RecordVerificationArgsSchema, StartVerificationArgsSchema } from '../../workflows/complaint.messages';
import { pageQuery, pageSchema } from '../pagination';

export const LodgeBodySchema = z.strictObject({
  assignmentId: z.string().trim().min(1).max(200),
  summary: z.string().trim().min(1, 'the complaint needs its summary').max(20_000),
  /** How the Board received it: letter, petition, press, a committee's report… */
  source: z.string().trim().min(1).max(500).optional(),
  /** The day the Board received it (YYYY-MM-DD), not after today. */
  receivedOn: DaySchema,
});
export type LodgeBody = z.output<typeof LodgeBodySchema>;

// The actor always comes from the token: the bodies are the update arguments without it. The verifier is the caller.
export const StartBodySchema = StartVerificationArgsSchema.omit({ actor: true }).nullish();
export const VerificationBodySchema = RecordVerificationArgsSchema.omit({ actor: true });

export const ListQuerySchema = z.strictObject({
  assignmentId: z.string().trim().min(1).max(200).optional(),
  /** A state, or a parent state: `underVerification` also finds `underVerification.overdue`. */
  state: z.string().trim().min(1).max(100).optional(),
  ...pageQuery,
});
export type ListQuery = z.output<typeof ListQuerySchema>;

export const ComplaintSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  /** The official complained about. */
  officialId: z.string(),
  summary: z.string(),
  source: z.string(),
  receivedOn: z.string().nullable(),
  state: z.string(),
  filedById: z.string(),
  filedAt: z.string(),
  verificationDueAt: z.string(),
  /** Who started the verification, once started. */
  verifierId: z.string().nullable(),
  /** What the caller may see: `recorder` does not see the findings. */
  visibility: z.enum(['full', 'recorder']),
  verification: z
    .object({
      outcome: z.enum(['WELL_FOUNDED', 'UNFOUNDED']),
      findings: z.string().nullable(),
      verifiedById: z.string(),
      verifiedAt: z.string(),
    })
    .nullable(),
});
export type ComplaintBody = z.infer<typeof ComplaintSchema>;

export const ComplaintPageSchema = pageSchema(ComplaintSchema);

/** The workflow's view of a complaint: its state and the events allowed now. */
export const ComplaintViewSchema = z.object({
  complaintId: z.string(),
  assignmentId: z.string(),
  state: z.string(),
  allowedEvents: z.array(z.string()),
  verificationDueAt: z.string(),
});
