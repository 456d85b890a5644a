/** The decision register routes' query parameters and answers. */
import { z } from 'zod';
import { DecisionSignedSchema } from '../../contracts/signatures';
import { DEFAULT_REGISTER, RegisterSchema } from '../../machines/decision-number';
import { DaySchema } from '../../machines/day';
import { pageQuery } from '../pagination';

const YearSchema = z.coerce.number().int().min(2000).max(2100);

export const NextNumberQuerySchema = z.strictObject({
  /** The register, e.g. QĐ/BTCTU (the default). */
  register: RegisterSchema.default(DEFAULT_REGISTER),
  /** The year the decision will be issued (today in the current year, its last day for another); this year by default. */
  year: YearSchema.optional(),
  /** The day the decision will be issued (wins over `year`): its period (the committee's term or the year) numbers it. */
  on: DaySchema.optional(),
});

export const NextNumberSchema = z.object({
  register: z.string(),
  year: z.number().int(),
  /** YYYY-MM-DD: the first day of the period the number runs in (the committee's term, or the calendar year). */
  periodStart: z.string(),
  sequence: z.number().int(),
  /** Ready to write on the decision, e.g. "13-QĐ/BTCTU". */
  number: z.string(),
});

export const RegisterQuerySchema = z.strictObject({
  ...pageQuery,
  register: RegisterSchema.optional(),
  year: YearSchema.optional(),
});

export const DecisionEntrySchema = z.object({
  id: z.string(),
  number: z.string(),
  /** Null for a decision recorded before the register (or outside it). */
  register: z.string().nullable(),
  year: z.number().int().nullable(),
  /** The first day of the period its number runs in; null outside the register. */
  periodStart: z.string().nullable(),
  sequence: z.number().int().nullable(),
  issuedOn: z.string(),
  kind: z.string(),
  summary: z.string(),
  signer: z.object({ id: z.string(), fullName: z.string() }),
  /** The assignment whose approval took the number. */
  assignmentId: z.string().nullable(),
  /** RESERVED while its approval is on its way to the workflow; ISSUED once recorded. */
  status: z.enum(['RESERVED', 'ISSUED']),
  /** Its verified signed copy ("Đã ký số": the signer, the signing time, the verdict), or null while none is kept. */
  signature: DecisionSignedSchema.nullable(),
});
