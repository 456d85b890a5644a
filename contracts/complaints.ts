/** A complaint as its readers see it, and the workflow's view of one. */
import { z } from 'zod';
import { pageSchema } from './page';

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
export type Complaint = z.infer<typeof ComplaintSchema>;

export const ComplaintPageSchema = pageSchema(ComplaintSchema);

/** The workflow's view of a complaint: its state and the events allowed now. */
export const ComplaintViewSchema = z.object({
  complaintId: z.string(),
  assignmentId: z.string(),
  state: z.string(),
  allowedEvents: z.array(z.string()),
  verificationDueAt: z.string(),
});
export type ComplaintView = z.infer<typeof ComplaintViewSchema>;
