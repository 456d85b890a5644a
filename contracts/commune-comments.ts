import { z } from 'zod';
import { COMMENT_LEVELS, COMMENT_STATES } from '../machines/commune-comment';

/**
 * The commune Party committee's year-end comment form on the agency leader who monitors it, as a reader may see it:
 * FULL (the committee, the agency's head, the Standing Committee's members, the auditor; the leader only when the
 * version says so) or GROUND (Board leadership: the state, the level and a request for another monitor, not the texts).
 */
export const CommuneCommentSchema = z.object({
  id: z.string(),
  linkId: z.string(),
  year: z.number().int(),
  state: z.enum(COMMENT_STATES),
  visibility: z.enum(['FULL', 'GROUND']),
  programmeId: z.string(),
  /** The programme's version the request followed. */
  policyVersion: z.string(),
  area: z.object({ id: z.string(), name: z.string() }),
  leader: z.object({
    memberId: z.string(),
    userId: z.string(),
    displayName: z.string(),
    title: z.string(),
    agency: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  }),
  requestedAt: z.string(),
  dueAt: z.string(),
  remindedAt: z.string().nullable(),
  missedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  /** Received after its deadline; null while not received. */
  late: z.boolean().nullable(),
  /** The version's criteria, each answered in a text. */
  questions: z.array(z.object({ key: z.string(), label: z.string() })),
  level: z.enum(COMMENT_LEVELS).nullable(),
  /** The committee's text per criterion (FULL only). */
  answers: z.array(z.object({ key: z.string(), text: z.string() })).nullable(),
  overall: z.string().nullable(),
  /** The committee asks the Standing Committee for another monitor: a ground for an early reassignment. */
  anotherMonitor: z.object({ reason: z.string() }).nullable(),
  exemption: z.object({ reason: z.string() }).nullable(),
  /** What the caller may do now: SUBMIT_COMMENT, EXEMPT_COMMENT (the commune's committee, while the form is open). */
  allowedEvents: z.array(z.string()),
});
export type CommuneComment = z.infer<typeof CommuneCommentSchema>;

export const CommuneCommentListSchema = z.object({ year: z.number().int(), items: z.array(CommuneCommentSchema) });
export type CommuneCommentList = z.infer<typeof CommuneCommentListSchema>;

/** Filings of a leader's commune in the year, when the records hold them; null while the product keeps none. */
const FilingCountsSchema = z.object({ onTime: z.number().int(), late: z.number().int(), missing: z.number().int() });

/** The year's monitoring results per leader of an agency: an input to their annual rating (seed 001). */
export const AgencyRatingsSchema = z.object({
  agency: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  year: z.number().int(),
  leaders: z.array(
    z.object({
      memberId: z.string(),
      userId: z.string(),
      displayName: z.string(),
      title: z.string(),
      communes: z.array(
        z.object({
          linkId: z.string(),
          areaId: z.string(),
          areaName: z.string(),
          filings: FilingCountsSchema.nullable(),
          /** The year's comment form: null before it is requested, or when the reader may not see it. */
          comment: z
            .object({
              id: z.string(),
              state: z.enum(COMMENT_STATES),
              level: z.enum(COMMENT_LEVELS).nullable(),
              late: z.boolean().nullable(),
              requestsAnotherMonitor: z.boolean(),
            })
            .nullable(),
        }),
      ),
      totals: z.object({
        communes: z.number().int(),
        filings: FilingCountsSchema.nullable(),
        /** Comment forms received by level. */
        levels: z.object({
          EXCELLENT: z.number().int(),
          GOOD: z.number().int(),
          COMPLETED: z.number().int(),
          NOT_COMPLETED: z.number().int(),
        }),
        exempted: z.number().int(),
        notReceived: z.number().int(),
        requestsAnotherMonitor: z.number().int(),
      }),
    }),
  ),
});
export type AgencyRatings = z.infer<typeof AgencyRatingsSchema>;
