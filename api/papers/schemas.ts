/** The papers' request schemas. */
import { z } from 'zod';
import { DaySchema } from '../../machines/day';

export const CommitteeTermBodySchema = z.strictObject({
  /** The day the congress closed: the term's first day, when Party registers number from 1 again. */
  startsOn: DaySchema,
  /** The congress, as the clerk writes it, e.g. "Đại hội đại biểu Đảng bộ tỉnh lần thứ XX". */
  congress: z.string().trim().min(1).max(200),
});
