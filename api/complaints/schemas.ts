/** The complaint routes' bodies and query parameters; the answers are the browser's too (contracts/complaints.ts). */
import { z } from 'zod';
import { DaySchema } from '../../machines/day';
import { RecordVerificationArgsSchema, StartVerificationArgsSchema } from '../../workflows/complaint.messages';
import { pageQuery } from '../pagination';

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

export {
  type Complaint as ComplaintBody,
  ComplaintPageSchema,
  ComplaintSchema,
  ComplaintViewSchema,
} from '../../contracts/complaints';
