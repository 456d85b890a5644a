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
  /** Kept only once verified: VERIFIED with a signed copy, null without one. */
  verdict: z.literal('VERIFIED').nullable(),
  /** Whether the caller may hand in the signed copy now: the decision's signer or the administrator, while unsigned. */
  mayHandIn: z.boolean(),
});
export type SignatureStatus = z.infer<typeof SignatureStatusSchema>;

/**
 * A decision's verified signed copy as the lists show it beside the decision ("Đã ký số"): the signer the certificate
 * names, the signing time, and the verification's verdict (a copy is kept only once verified); null while none is.
 */
export const DecisionSignedSchema = z.object({
  signerName: z.string(),
  signingTime: z.iso.datetime(),
  verdict: z.literal('VERIFIED'),
  certificateSerial: z.string(),
  uploadedAt: z.iso.datetime(),
});
export type DecisionSigned = z.infer<typeof DecisionSignedSchema>;
