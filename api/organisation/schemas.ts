/** The organisation routes' bodies and query parameters; their answers are in contracts/organisation.ts. */
import { z } from 'zod';
import { OfficialPosition } from '../../prisma/database';
import { DaySchema } from '../../machines/day';

const id = z.string().trim().min(1).max(200);
const note = z.string().trim().max(2_000).default('');
const email = z.email('an e-mail address').max(200).toLowerCase();

export const AsOfQuerySchema = z.strictObject({
  /** The day asked about, YYYY-MM-DD; today when absent. */
  asOf: DaySchema.optional(),
});

export const DepartmentBodySchema = z.strictObject({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(300),
});
export const RenameDepartmentBodySchema = z.strictObject({ name: z.string().trim().min(1).max(300) });

export const OfficialBodySchema = z.strictObject({
  code: z.string().trim().min(1).max(50),
  fullName: z.string().trim().min(1).max(300),
  position: z.enum(OfficialPosition),
  departmentId: id.nullable().default(null),
  email: email.nullable().default(null),
  /** The first day of service at the Board. */
  activeFrom: DaySchema,
});

export const OfficialDetailsBodySchema = z
  .strictObject({ fullName: z.string().trim().min(1).max(300).optional(), email: email.nullable().optional() })
  .refine((b) => b.fullName !== undefined || b.email !== undefined, { message: 'change fullName or email' })
  .meta({ minProperties: 1 });

export const PostBodySchema = z.strictObject({
  position: z.enum(OfficialPosition),
  departmentId: id.nullable(),
  /** The first day of the new post. */
  from: DaySchema,
  /** The decision or the reason, for the record. */
  note,
});

export const LeaveBodySchema = z.strictObject({
  /** The first day no longer with the Board. */
  on: DaySchema,
  note: z.string().trim().min(1, 'say why (retirement, transfer, the decision)').max(2_000),
});

export const ImportFileBodySchema = z
  .strictObject({
    file: z.string().trim().min(1, 'the file needs its name').max(200),
    /** A CSV file's text, with the columns the route names (domain/organisation/people-import.ts, groups-import.ts). */
    content: z.string().min(1, 'the file is empty').max(900_000).optional(),
    /** An .xlsx workbook's bytes in base64: its first sheet, the same columns. */
    contentBase64: z.base64('an .xlsx file is sent in base64').min(1, 'the file is empty').max(900_000).optional(),
  })
  .refine((body) => (body.content === undefined) !== (body.contentBase64 === undefined), {
    message: 'send the file as content (CSV text) or as contentBase64 (an .xlsx workbook), one of them',
    path: ['content'],
  });

/** The file an import's body carries: its name, and its CSV text or its workbook's bytes (the schema admits one of them). */
export const uploadedFile = (body: {
  file: string;
  content?: string | undefined;
  contentBase64?: string | undefined;
}) => ({
  file: body.file,
  content: body.content ?? Buffer.from(body.contentBase64!, 'base64'),
});

export const GroupBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(300),
  /** The day the group was formed: its leader's and members' first day. */
  since: DaySchema,
  leaderId: id,
  memberIds: z.array(id).max(50).default([]),
});

export const MembershipBodySchema = z.strictObject({
  officialId: id,
  since: DaySchema,
  /** The first day no longer a member, for a membership of the past; open-ended when absent. */
  until: DaySchema.optional(),
});

export const EndMembershipBodySchema = z.strictObject({ on: DaySchema, note });

export const MemberParamsSchema = z.strictObject({ id, officialId: id });

export const DatedChoiceBodySchema = z.strictObject({
  officialId: id,
  /** The first day of the change. */
  from: DaySchema,
  note,
});
