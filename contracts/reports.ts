/** Plans and reports as the reading routes answer them (GET /plans, /reports, /reports/:id). */
import { z } from 'zod';
import { UrgencySchema } from '../machines/reports';
import { pageSchema } from './page';

export { type Urgency, URGENCIES } from '../machines/reports';

/** A monthly filing's standing: on time, late, missed (not filed by its deadline and still not), open, cancelled. */
export const FILING_STATUSES = ['ON_TIME', 'LATE', 'MISSED', 'OPEN', 'CANCELLED'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

/** Where leadership stands with a filed report: not yet seen, seen ("đã xem") and not answered, answered. */
export const REPLY_STATES = ['UNREAD', 'ACKNOWLEDGED', 'ANSWERED'] as const;
export type ReplyState = (typeof REPLY_STATES)[number];

const Named = z.object({ id: z.string(), name: z.string().nullable() });

const FilingItemSchema = z.object({
  /** The item's key in a list (the cursor): the filing's id once filed, else its deadline's. */
  id: z.string(),
  assignmentId: z.string(),
  period: z.string(),
  area: Named,
  official: Named,
  groupId: z.string().nullable(),
  leaderInChargeId: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** Null for an ad hoc report, which has no deadline. */
  status: z.enum(FILING_STATUSES).nullable(),
  filedAt: z.string().nullable(),
  filedById: z.string().nullable(),
  /** `metadata`: the caller sees that it exists and who sent it, not its content (a sensitive report, Đ7.A.4). */
  visibility: z.enum(['full', 'metadata']),
});

export const PlanItemSchema = FilingItemSchema.extend({
  /** A plan always has its deadline. */
  status: z.enum(FILING_STATUSES),
  /** Đ8.1: content, time (the field trip's day) and place; null before it is filed. */
  planId: z.string().nullable(),
  content: z.string().nullable(),
  plannedFor: z.string().nullable(),
  place: z.string().nullable(),
});

const AnswerSchema = z.object({
  id: z.string(),
  kind: z.enum(['COMMENT', 'TASK']),
  text: z.string(),
  dueOn: z.string().nullable(),
  answeredBy: Named,
  answeredAt: z.string(),
});

export const ReportItemSchema = FilingItemSchema.extend({
  kind: z.enum(['MONTHLY', 'AD_HOC']),
  /** The report's id once filed (for its own route, its acknowledgement and its answers). */
  reportId: z.string().nullable(),
  urgency: UrgencySchema.nullable(),
  sensitive: z.boolean(),
  /** Whom an ad hoc report was delivered to: the leader in charge, or the Head of Board for a sensitive one. */
  recipientId: z.string().nullable(),
  situation: z.string().nullable(),
  results: z.string().nullable(),
  difficulties: z.string().nullable(),
  proposals: z.string().nullable(),
  reply: z.enum(REPLY_STATES).nullable(),
  acknowledgements: z.array(z.object({ by: Named, at: z.string() })),
  answers: z.array(AnswerSchema),
});
export type PlanItem = z.infer<typeof PlanItemSchema>;
export type ReportItem = z.infer<typeof ReportItemSchema>;

export const PlanPageSchema = pageSchema(PlanItemSchema);
export const ReportPageSchema = pageSchema(ReportItemSchema);
