/** The assignment routes' bodies and query parameters. */
import { z } from 'zod';
import { DaySchema } from '../../machines/day';
import { ASSIGNMENT_STATES } from '../../domain/directory/views';
import {
  ApproveArgsSchema,
  ProposeArgsSchema,
  RejectArgsSchema,
  ReportPositionChangeArgsSchema,
  WithdrawArgsSchema,
} from '../../workflows/assignment.messages';
import { pageQuery } from '../pagination';
import { searchQuery } from '../text-match';

export const ProposeAssignmentBodySchema = z.strictObject({
  areaId: z.string().trim().min(1).max(200),
  officialId: z.string().trim().min(1).max(200),
  groupId: z.string().trim().min(1).max(200).optional(),
  effectiveFrom: DaySchema,
  reason: z.string().trim().min(1, 'a proposal needs its reason').max(5_000),
});
export type ProposeAssignmentBody = z.infer<typeof ProposeAssignmentBodySchema>;

// The actor always comes from the token: the bodies are the update arguments without it.
export const ApproveBodySchema = ApproveArgsSchema.omit({ actor: true });
export const RejectBodySchema = RejectArgsSchema.omit({ actor: true });
export const WithdrawBodySchema = WithdrawArgsSchema.omit({ actor: true });
export const ProposeBodySchema = ProposeArgsSchema.omit({ actor: true });
export const PositionChangeBodySchema = ReportPositionChangeArgsSchema.omit({ actor: true });

export const AssignmentListQuerySchema = z.strictObject({
  ...pageQuery,
  officialId: z.string().min(1).max(200).optional(),
  areaId: z.string().min(1).max(200).optional(),
  /** A state of the assignment machine; `active` stands for serving, rotation eligible and rotation due. */
  state: z.enum(ASSIGNMENT_STATES).optional(),
  /** Part of the area's or the official's name (or code); diacritics as typed, any case. */
  q: searchQuery,
});

export const ImportRosterBodySchema = z
  .strictObject({
    /** The file's name, recorded in each imported assignment's timeline. */
    file: z.string().trim().min(1, 'the file needs its name').max(200),
    /** A CSV file's text: the columns of domain/assignments/roster-csv.ts. */
    content: z.string().min(1, 'the file is empty').max(900_000).optional(),
    /** An .xlsx workbook's bytes in base64: its first sheet, the same columns (domain/assignments/roster-file.ts). */
    contentBase64: z.base64('an .xlsx file is sent in base64').min(1, 'the file is empty').max(900_000).optional(),
  })
  .refine((body) => (body.content === undefined) !== (body.contentBase64 === undefined), {
    message: 'send the file as content (CSV text) or as contentBase64 (an .xlsx workbook), one of them',
    path: ['content'],
  });
