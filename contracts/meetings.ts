/** A meeting the area invites a monitoring official to (Đ7.B), as its readers see it, and the workflow's view of one. */
import { z } from 'zod';
import { MEETING_BODIES } from '../machines/meeting-policy';
import { pageSchema } from './page';

export const MeetingViewSchema = z.object({
  meetingId: z.string(),
  assignmentId: z.string(),
  areaId: z.string(),
  state: z.string(),
  allowedEvents: z.array(z.string()),
  startsAt: z.string(),
  place: z.string(),
  invitedId: z.string(),
  attendeeId: z.string(),
  onBehalfOfGroupLeader: z.boolean(),
  additionalMemberIds: z.array(z.string()),
  approved: z.boolean().nullable(),
  decidedById: z.string().nullable(),
  approvalReminderAt: z.string().nullable(),
  approvalEscalationAt: z.string().nullable(),
  reportDueAt: z.string().nullable(),
});

export type MeetingView = z.infer<typeof MeetingViewSchema>;

export const MeetingSchema = z.object({
  id: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  assignmentId: z.string(),
  groupId: z.string().nullable(),
  body: z.enum(MEETING_BODIES),
  startsAt: z.string(),
  place: z.string(),
  agenda: z.string(),
  invitedId: z.string(),
  attendeeId: z.string(),
  attendeeName: z.string().nullable(),
  /** Đ7.B.3: the member attends on behalf of the group leader. */
  onBehalfOfGroupLeader: z.boolean(),
  additionalMemberIds: z.array(z.string()),
  state: z.string(),
  recordedById: z.string(),
  recordedAt: z.string(),
  requestedAt: z.string().nullable(),
  approved: z.boolean().nullable(),
  decidedById: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Attended without approval: shown to the leader in charge. */
  attendedWithoutApproval: z.boolean(),
  reportDueAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  hasDocument: z.boolean(),
  moves: z.array(
    z.object({
      fromStartsAt: z.string(),
      toStartsAt: z.string(),
      fromPlace: z.string(),
      toPlace: z.string(),
      reason: z.string(),
      movedById: z.string(),
      movedAt: z.string(),
    }),
  ),
  report: z
    .object({
      notes: z.string(),
      remarks: z.string(),
      mattersForLeadership: z.string(),
      /** Confidential (Đ7.A.6): leadership, the auditor and its author only; null for others. */
      personnelNotes: z.string().nullable(),
      filedById: z.string(),
      filedAt: z.string(),
      late: z.boolean(),
      withoutApproval: z.boolean(),
    })
    .nullable(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/** A meeting in a list: without its moves and report. */
export const MeetingListItemSchema = MeetingSchema.omit({ report: true, moves: true });
export type MeetingListItem = z.infer<typeof MeetingListItemSchema>;
export const MeetingPageSchema = pageSchema(MeetingListItemSchema);
