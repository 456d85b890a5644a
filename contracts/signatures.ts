/** A decision's signature as the API answers it: "đã ký số" once a signed copy was verified and kept. */
import { z } from 'zod';

export const SignatureStatusSchema = z.object({
  decisionId: z.string(),
  signed: z.boolean(),
  /** The subject CN of the signer's certificate. */
  signerName: z.string().nullable(),
  signingTime: z.iso.datetime().nullable(),
  /** SHA-256 of the signed file, lower-case hex. */
  sha256: z.string().nullable(),
  uploadedAt: z.iso.datetime().nullable(),
});
export type SignatureStatus = z.infer<typeof SignatureStatusSchema>;
