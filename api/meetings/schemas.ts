/** The meeting routes' bodies and query parameters; the answers are the browser's too (contracts/meetings.ts). */
import { z } from 'zod';
import {
  CancelArgsSchema,
  DecideAttendanceArgsSchema,
  DelegateArgsSchema,
  InstantSchema,
  MeetingBodySchema,
  MeetingReportArgsSchema,
  MoveArgsSchema,
  RequestAttendanceArgsSchema,
} from '../../workflows/meeting.messages';
import { pageQuery } from '../pagination';

/** The invitation document as the area sent it (PDF, image or Word), base64, up to 2 MB. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
export const DocumentSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  mediaType: z.enum([
    'application/pdf',
    'image/png',
    'image/jpeg',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ]),
  contentBase64: z
    .string()
    .max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4, 'the document is larger than 2 MB')
    // Padded base64 of at least one byte: what the check after it would refuse as empty is refused here, by the schema.
    .regex(
      /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)$/,
      'expected base64 (padded) of a non-empty document',
    ),
});

export const InviteBodySchema = z.strictObject({
  areaId: z.string().trim().min(1).max(200),
  /** BCH, BTV, ban cán sự đảng, đảng đoàn, tập thể lãnh đạo (Đ5.2). */
  body: MeetingBodySchema,
  /** The meeting's start, with its offset (e.g. 2027-03-10T08:00:00+07:00). */
  startsAt: InstantSchema.meta({
    description: "The meeting's start, with its offset: ahead of now, and within two years (400 naming startsAt)",
  }),
  place: z.string().trim().min(1, 'the place of the meeting is required').max(500),
  agenda: z.string().trim().min(1, 'the agenda of the meeting is required').max(20_000),
  /** Whom it invites: the group leader when absent (Đ9.3). */
  invitedId: z.string().trim().min(1).max(200).optional(),
  document: DocumentSchema.optional(),
});
export type InviteBody = z.output<typeof InviteBodySchema>;

/** The invitation document as stored: its name, its checked media type and its size. */
export const AttachedDocumentSchema = z.object({
  meetingId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  bytes: z.number().int(),
});

// The actor always comes from the token: the bodies are the update arguments without it.
export const RequestBodySchema = RequestAttendanceArgsSchema.omit({ actor: true }).nullish();
export const DecideBodySchema = DecideAttendanceArgsSchema.omit({ actor: true });
export const DelegateBodySchema = DelegateArgsSchema.omit({ actor: true });
export const MoveBodySchema = MoveArgsSchema.omit({ actor: true });
export const CancelBodySchema = CancelArgsSchema.omit({ actor: true });
export const ReportBodySchema = MeetingReportArgsSchema.omit({ actor: true });

export const ListQuerySchema = z.strictObject({
  areaId: z.string().trim().min(1).max(200).optional(),
  assignmentId: z.string().trim().min(1).max(200).optional(),
  /** A state, or a parent state: `awaitingApproval` also finds `awaitingApproval.escalated`. */
  state: z.string().trim().min(1).max(100).optional(),
  ...pageQuery,
});
export type ListQuery = z.output<typeof ListQuerySchema>;

export {
  type Meeting as MeetingBody,
  MeetingPageSchema,
  MeetingSchema,
  MeetingViewSchema,
} from '../../contracts/meetings';
