/** The decision register routes' query parameters and answers. */
import { z } from 'zod';
import { DEFAULT_REGISTER, RegisterSchema } from '../../machines/decision-number';
import { pageQuery } from '../pagination';

const YearSchema = z.coerce.number().int().min(2000).max(2100);

export const NextNumberQuerySchema = z.strictObject({
  /** The register, e.g. QĐ/BTCTU (the default). */
  register: RegisterSchema.default(DEFAULT_REGISTER),
  /** The year the decision will be issued; this year in Vietnam by default. */
  year: YearSchema.optional(),
});

export const NextNumberSchema = z.object({
  register: z.string(),
  year: z.number().int(),
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
  sequence: z.number().int().nullable(),
  issuedOn: z.string(),
  kind: z.string(),
  summary: z.string(),
  signer: z.object({ id: z.string(), fullName: z.string() }),
  /** The assignment whose approval took the number. */
  assignmentId: z.string().nullable(),
  /** RESERVED while its approval is on its way to the workflow; ISSUED once recorded. */
  status: z.enum(['RESERVED', 'ISSUED']),
});
