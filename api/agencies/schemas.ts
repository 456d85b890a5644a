import { z } from 'zod';
import { DaySchema } from '../../machines/day';

/** `:agencyId` in the agencies' paths. */
export const AgencyParamsSchema = z.strictObject({ agencyId: z.string().trim().min(1).max(200) });

export const AgencyBodySchema = z.strictObject({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(300),
  /** The agency as an area of the Board's own programme, when it is recorded as one. */
  areaId: z.string().trim().min(1).max(200).optional(),
});

export const AgencyMemberBodySchema = z.strictObject({
  userId: z.string().trim().min(1).max(200),
  /** The post as the agency names it ("Giám đốc Sở", "Phó Trưởng ban"). */
  title: z.string().trim().min(1).max(200),
  isHead: z.boolean(),
  from: DaySchema,
});
