/**
 * The dashboard's answers. Every list is a page of items, each naming its subject (the area, the official, the
 * group), plus the `asOf` instant it was computed for.
 */
import { z } from 'zod';
import { EscalationTargetSchema } from './codes';
import { AreaListItemSchema, AreaRefSchema, GroupRefSchema, OfficialSummarySchema } from './directory';
import { pageSchema } from './page';

/** Whom an item is about. */
const Subject = { area: AreaRefSchema, official: OfficialSummarySchema, group: GroupRefSchema.nullable() };

/** A page of `item` computed for `asOf`. */
export const withAsOf = <Item extends z.ZodType>(item: Item) => pageSchema(item).extend({ asOf: z.iso.datetime() });

export const OverdueItemSchema = z.object({
  /** The deadline's id. */
  id: z.string(),
  kind: z.enum(['PLAN', 'REPORT']),
  period: z.string(),
  dueAt: z.iso.datetime(),
  /** Calendar days (Vietnam) from the due day to `asOf`. */
  daysOverdue: z.number().int(),
  /** MISSED once the workflow has recorded the miss; OPEN when it is past due but not yet recorded (or `asOf` looks ahead). */
  status: z.enum(['OPEN', 'MISSED']),
  escalationLevel: z.number().int(),
  lastEscalation: z
    .object({
      level: z.number().int(),
      target: EscalationTargetSchema,
      recipientId: z.string().nullable(),
      at: z.iso.datetime(),
    })
    .nullable(),
  assignmentId: z.string(),
  ...Subject,
});
export type OverdueItem = z.infer<typeof OverdueItemSchema>;

export const EvaluationItemSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  year: z.number().int(),
  state: z.string(),
  /** Who acts next: the area committee (its written evaluation), the group leader (the proposed rating), leadership (the rating). */
  waitingFor: z.enum(['AREA_COMMITTEE', 'GROUP_LEADER', 'BOARD_LEADERSHIP']),
  requestedAt: z.iso.datetime(),
  /** The area committee's deadline. */
  dueAt: z.iso.datetime(),
  receivedAt: z.iso.datetime().nullable(),
  /** The area's evaluation is late at `asOf`. */
  overdue: z.boolean(),
  ...Subject,
});
export type EvaluationItem = z.infer<typeof EvaluationItemSchema>;

export const RotationItemSchema = z.object({
  assignmentId: z.string(),
  state: z.string(),
  /** ELIGIBLE: rotation may be proposed from `date`; MANDATORY: the assignment must rotate by `date` (Đ4.2). */
  threshold: z.enum(['ELIGIBLE', 'MANDATORY']),
  date: z.iso.datetime(),
  /** Years of service at `date`. */
  years: z.number().int(),
  /** Negative once `date` has passed (a mandatory rotation still undecided). */
  daysUntil: z.number().int(),
  effectiveFrom: z.iso.datetime(),
  /** A rotation, reassignment or closure already proposed and waiting for leadership. */
  pendingProposal: z.object({ id: z.string(), kind: z.string() }).nullable(),
  ...Subject,
});
export type RotationItem = z.infer<typeof RotationItemSchema>;
export const RotationPageSchema = withAsOf(RotationItemSchema).extend({
  horizon: z.iso.datetime(),
  /** The default policy's thresholds; each assignment carries its own dates, from the policy it started with. */
  policy: z.object({ eligibleAfterYears: z.number().int(), mandatoryAfterYears: z.number().int() }),
});

export const ComplaintItemSchema = z.object({
  id: z.string(),
  assignmentId: z.string(),
  state: z.string(),
  filedAt: z.iso.datetime(),
  verificationDueAt: z.iso.datetime(),
  /** Verification is late at `asOf` (only before an outcome is recorded). */
  verificationOverdue: z.boolean(),
  ...Subject,
});
export type ComplaintItem = z.infer<typeof ComplaintItemSchema>;

export const SummarySchema = z.object({
  asOf: z.iso.datetime(),
  overdue: z.object({ plans: z.number().int(), reports: z.number().int() }),
  evaluationsOutstanding: z.number().int(),
  rotationsDue: z.object({ withinDays: z.number().int(), eligible: z.number().int(), mandatory: z.number().int() }),
  /** Null for a caller with no part in complaints. */
  complaintsOpen: z.number().int().nullable(),
  /** Reassignments at the Board's request (Đ4.2): waiting for a decision, and approved this year up to `asOf`. */
  boardReassignments: z.object({ pending: z.number().int(), approvedThisYear: z.number().int() }),
});
export type Summary = z.infer<typeof SummarySchema>;

/**
 * An area on the dashboard: the directory's item (the Board's official in effect, of the programme asked when one is)
 * with the agency leaders whose links are in force on the day (of the programme asked when one is).
 */
export const DashboardAreaSchema = AreaListItemSchema.extend({
  agencyLeaders: z.array(
    z.object({
      linkId: z.string(),
      memberId: z.string(),
      displayName: z.string(),
      title: z.string(),
      agencyName: z.string(),
      from: z.string(),
      decisionNumber: z.string().nullable(),
    }),
  ),
});
export type DashboardArea = z.infer<typeof DashboardAreaSchema>;
