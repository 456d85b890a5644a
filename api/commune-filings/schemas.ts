import { z } from 'zod';
import { DaySchema } from '../../machines/day';

/** `:linkId` in the commune links' paths. */
export const CommuneLinkParamsSchema = z.strictObject({ linkId: z.string().trim().min(1).max(200) });

export const CommuneFilingParamsSchema = z.strictObject({
  linkId: z.string().trim().min(1).max(200),
  kind: z.enum(['programme', 'periodic', 'yearly']),
  /** `2027` for the programme and the yearly report; `2027-H1`, `2027-Q3`, `2027-P2` for a periodic report. */
  period: z.string().regex(/^\d{4}(?:-[HQP]\d{1,2})?$/, 'the period is a year (2027) or a report period (2027-H1)'),
});

/** A year's days at most: a report's period is never longer (its days are checked against it, domain/commune-filings). */
export const MAX_DAYS_IN_COMMUNE = 366;

export const CommuneFilingBodySchema = z.strictObject({
  /** The programme or report itself. */
  content: z.string().trim().min(1).max(20_000),
  /**
   * A periodic or yearly report only: the days the leader spent in the commune during the report's period (YYYY-MM-DD,
   * none after today); a day given twice counts once. Absent: none.
   */
  daysInCommune: z.array(DaySchema).max(MAX_DAYS_IN_COMMUNE).optional(),
});
