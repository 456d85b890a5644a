import { z } from 'zod';

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A commune or ward a leader monitors today, under the programme named. */
export const LeaderCommuneSchema = z.object({
  linkId: z.string(),
  programmeId: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  from: DaySchema,
  until: DaySchema.nullable(),
  decisionNumber: z.string().nullable(),
});

/**
 * One of a provincial agency's leaders who may be proposed to monitor a commune: a member of the agency today whose
 * account holds AGENCY_LEADER. One entry per membership: a leader of two agencies is two entries, two `memberId`s.
 * Names, posts and communes only, never their filings, comment forms or ratings.
 */
export const AgencyLeaderCandidateSchema = z.object({
  memberId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  title: z.string(),
  isHead: z.boolean(),
  agency: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  communes: z.array(LeaderCommuneSchema),
});
export type AgencyLeaderCandidate = z.infer<typeof AgencyLeaderCandidateSchema>;

export const AgencyLeaderListSchema = z.object({
  /** Vietnam's day the list holds on. */
  day: DaySchema,
  items: z.array(AgencyLeaderCandidateSchema),
});
export type AgencyLeaderList = z.infer<typeof AgencyLeaderListSchema>;
