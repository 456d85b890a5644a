/** The meeting workflow's messages as pure zod schemas: the workflow's validators, the API and the web forms share them. */
import { z } from 'zod';
import { ActorSchema } from '../machines/actor';
import { MEETING_BODIES } from '../machines/meeting-policy';

/** The meeting's workflow id, from its id: the API addresses the workflow from the record alone. */
export const meetingWorkflowId = (meetingId: string) => `meeting-${meetingId}`;

export const MeetingBodySchema = z.enum(MEETING_BODIES);

/** An instant (ISO, with its offset) within the product's window of years. */
export const InstantSchema = z.iso.datetime({ offset: true }).refine((s) => {
  const year = new Date(s).getUTCFullYear();
  return year >= 2000 && year <= 2100;
}, 'an instant between 2000 and 2100');

const Text = (max: number, required: string) => z.string().trim().min(1, required).max(max);
const OfficialId = z.string().trim().min(1).max(200);

export const RequestAttendanceArgsSchema = z.strictObject({
  actor: ActorSchema,
  /** Đ7.B.3: other members of the group the group leader asks leadership to send as well. */
  additionalMemberIds: z.array(OfficialId).max(20).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type RequestAttendanceArgs = z.infer<typeof RequestAttendanceArgsSchema>;

export const DecideAttendanceArgsSchema = z.strictObject({
  actor: ActorSchema,
  approved: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});
export type DecideAttendanceArgs = z.infer<typeof DecideAttendanceArgsSchema>;

export const DelegateArgsSchema = z.strictObject({
  actor: ActorSchema,
  memberId: OfficialId,
  reason: z.string().trim().max(2000).optional(),
});
export type DelegateArgs = z.infer<typeof DelegateArgsSchema>;

export const MoveArgsSchema = z.strictObject({
  actor: ActorSchema,
  startsAt: InstantSchema,
  place: Text(500, 'the place of the meeting is required').optional(),
  reason: Text(2000, 'say why the meeting moved'),
});
export type MoveArgs = z.infer<typeof MoveArgsSchema>;

export const CancelArgsSchema = z.strictObject({
  actor: ActorSchema,
  reason: Text(2000, 'say why the meeting was cancelled'),
});
export type CancelArgs = z.infer<typeof CancelArgsSchema>;

/** Đ7.A.5: full notes of the meeting and the remarks made; personnelNotes are confidential (Đ7.A.6). */
export const MeetingReportArgsSchema = z.strictObject({
  actor: ActorSchema,
  notes: Text(50_000, 'the notes of the meeting are required'),
  remarks: z.string().trim().max(20_000).default(''),
  mattersForLeadership: z.string().trim().max(20_000).default(''),
  personnelNotes: z.string().trim().max(20_000).optional(),
});
export type MeetingReportArgs = z.input<typeof MeetingReportArgsSchema>;

export interface MeetingView {
  meetingId: string;
  assignmentId: string;
  areaId: string;
  state: string;
  allowedEvents: string[];
  startsAt: string;
  place: string;
  invitedId: string;
  attendeeId: string;
  onBehalfOfGroupLeader: boolean;
  additionalMemberIds: string[];
  approved: boolean | null;
  decidedById: string | null;
  /** When the leader in charge is reminded of an undecided request, and when it goes to the Head of Board. */
  approvalReminderAt: string | null;
  approvalEscalationAt: string | null;
  reportDueAt: string | null;
}

/** `POST /groups/:id/sessions` (Đ7.B.2): the group's session, chaired by its leader. */
export const GroupSessionFormSchema = z.strictObject({
  heldOn: z.iso.date(),
  presentIds: z.array(OfficialId).min(1, 'who was present').max(50),
  matters: Text(20_000, 'the matters raised by the areas'),
  conclusions: Text(20_000, 'the conclusions'),
  tasks: z
    .array(z.strictObject({ officialId: OfficialId, task: z.string().trim().min(1).max(2_000) }))
    .max(50)
    .default([]),
});
