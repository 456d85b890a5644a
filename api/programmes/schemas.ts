/** The programme routes' bodies; their answers are in contracts/programmes.ts. */
import { z } from 'zod';
import { DaySchema } from '../../machines/day';
import { PolicySchema } from '../../machines/policy';

export const VersionBodySchema = z.strictObject({
  /** The day it takes effect (Vietnam's), today or later. */
  effectiveFrom: DaySchema,
  /** The whole policy; its `version` is the version's label. */
  policy: PolicySchema,
  /** Why the version: the Board's decision, what it corrects. */
  note: z.string().trim().max(2_000).optional(),
});
