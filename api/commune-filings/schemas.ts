import { z } from 'zod';

/** `:linkId` in the commune links' paths. */
export const CommuneLinkParamsSchema = z.strictObject({ linkId: z.string().trim().min(1).max(200) });

export const CommuneFilingParamsSchema = z.strictObject({
  linkId: z.string().trim().min(1).max(200),
  kind: z.enum(['programme', 'periodic', 'yearly']),
  /** `2027` for the programme and the yearly report; `2027-H1`, `2027-Q3`, `2027-P2` for a periodic report. */
  period: z.string().regex(/^\d{4}(?:-[HQP]\d{1,2})?$/, 'the period is a year (2027) or a report period (2027-H1)'),
});

export const CommuneFilingBodySchema = z.strictObject({
  /** The programme or report itself. */
  content: z.string().trim().min(1).max(20_000),
});
