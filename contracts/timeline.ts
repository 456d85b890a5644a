/** An assignment's timeline: its audit trail, oldest first, each step labelled in the language asked for. */
import { z } from 'zod';

export const TimelineEventSchema = z.object({
  seq: z.number(),
  at: z.iso.datetime(),
  /** The audit action (ASSIGNMENT_PROPOSED, MONTHLY_REPORT_DEADLINE_MISSED…). */
  action: z.string(),
  label: z.string(),
  actorId: z.string().nullable(),
  /** The actor's name; the system's for the workflows' own steps; null for an actor no longer known. */
  actorName: z.string().nullable(),
  entityType: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  /** On a month's or an evaluation's first step: the version of the rules its deadlines follow (GET /programmes/:id). */
  policyVersion: z.object({ programmeId: z.string(), label: z.string() }).optional(),
  /** An assignment in force brought in by import: from which file and line. */
  imported: z
    .object({ file: z.string().nullable(), line: z.number().nullable(), importedOn: z.string().nullable() })
    .optional(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/** `GET /assignments/:id/timeline`. */
/** The unit the assignment is about, under the name it bore when the assignment took effect. */
export const TimelineAreaSchema = z.object({
  id: z.string(),
  name: z.string(),
  officialCode: z.string().nullable(),
  /** What became of the unit since, under its own name: "Xã Kim Liên (sáp nhập vào Xã Kim Liên từ 01/07/2025)"; null while it stands unchanged. */
  note: z.string().nullable(),
});

export const TimelineSchema = z.object({
  assignmentId: z.string(),
  area: TimelineAreaSchema.optional(),
  events: z.array(TimelineEventSchema),
});
export type Timeline = z.infer<typeof TimelineSchema>;
