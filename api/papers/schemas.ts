/** The papers' request schemas. */
import { z } from 'zod';
import { RegisterSchema } from '../../machines/decision-number';
import { DaySchema } from '../../machines/day';

export const CommitteeTermBodySchema = z.strictObject({
  /** The day the congress closed: the term's first day, when Party registers number from 1 again. */
  startsOn: DaySchema,
  /** The congress, as the clerk writes it, e.g. "Đại hội đại biểu Đảng bộ tỉnh lần thứ XX". */
  congress: z.string().trim().min(1).max(200),
});

/** The register's export: the filters of GET /decisions, without its pages. */
export const RegisterExportQuerySchema = z.strictObject({
  register: RegisterSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** Which of the decision's documents: the PDF unless the Word document is asked for. */
export const DocumentQuerySchema = z.strictObject({
  format: z.enum(['pdf', 'docx']).default('pdf'),
});
