import { z } from 'zod';

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A filing a leader owes for a commune under a yearly programme, as the records hold it. */
export const CommuneFilingSchema = z.object({
  kind: z.enum(['PROGRAMME', 'PERIODIC', 'YEARLY']),
  /** `2027` (programme, yearly report) or the report's period (`2027-H1`, `2027-Q3`, `2027-P2`). */
  period: z.string(),
  dueOn: DaySchema,
  /** The version whose days it follows. */
  policyVersion: z.string(),
  status: z.enum(['OPEN', 'MISSED', 'FILED', 'FILED_LATE', 'NOT_FILED', 'CANCELLED']),
  /** 1: the agency's head was told it is missing, 2: the Standing Committee's office too. */
  escalationLevel: z.number().int(),
  filedAt: z.string().nullable(),
  /** The days at the commune the report gives, sorted; empty for the programme and a report that gives none. */
  fieldDays: z.array(DaySchema),
});
export type CommuneFiling = z.infer<typeof CommuneFilingSchema>;

/** A commune the caller monitors under a yearly programme, with its filings (newest due first). */
export const CommuneLinkFilingsSchema = z.object({
  linkId: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  from: DaySchema,
  until: DaySchema.nullable(),
  filings: z.array(CommuneFilingSchema),
});
export type CommuneLinkFilings = z.infer<typeof CommuneLinkFilingsSchema>;

export const CommuneFilingResultSchema = z.object({
  kind: z.enum(['PROGRAMME', 'PERIODIC', 'YEARLY']),
  period: z.string(),
  late: z.boolean(),
  filedAt: z.string(),
});
