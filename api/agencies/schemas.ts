import { z } from 'zod';

/** `:agencyId` in the agencies' paths. */
export const AgencyParamsSchema = z.strictObject({ agencyId: z.string().trim().min(1).max(200) });
