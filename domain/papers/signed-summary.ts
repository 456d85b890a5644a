/**
 * A decision's verified signed copy as a list shows it beside the decision ("Đã ký số"): who the certificate names,
 * the signing time, and the verdict (a copy is kept only once verified, ./signature-store.ts); null while none is kept.
 */
import type { Prisma } from '../../prisma/database';

export const signedSummarySelect = {
  signerName: true,
  signingTime: true,
  certificateSerial: true,
  uploadedAt: true,
} as const satisfies Prisma.SignedDecisionDocumentSelect;

export interface DecisionSigned {
  signerName: string;
  signingTime: string;
  verdict: 'VERIFIED';
  certificateSerial: string;
  uploadedAt: string;
}

/** The Board's signed copies (SignedDecisionDocument) and the Standing Committee's (StandingCommitteeSignedDocument). */
export const signedSummary = (
  row:
    | Prisma.SignedDecisionDocumentGetPayload<{ select: typeof signedSummarySelect }>
    | Prisma.StandingCommitteeSignedDocumentGetPayload<{ select: typeof signedSummarySelect }>
    | null,
): DecisionSigned | null =>
  row && {
    signerName: row.signerName,
    signingTime: row.signingTime.toISOString(),
    verdict: 'VERIFIED',
    certificateSerial: row.certificateSerial,
    uploadedAt: row.uploadedAt.toISOString(),
  };
