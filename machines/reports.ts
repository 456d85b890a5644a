/**
 * The reports an official sends leadership besides the month's (Đ8.2: "định kỳ hằng tháng (hoặc đột xuất khi vấn đề
 * phát sinh)"), and leadership's answers to any report. Pure zod: the API validates with these and the web forms too.
 */
import { z } from 'zod';
import { DaySchema } from './day';

/** How urgent an ad hoc report is, as official documents mark it: thường, khẩn, thượng khẩn, hỏa tốc. */
export const URGENCIES = ['NORMAL', 'URGENT', 'VERY_URGENT', 'FLASH'] as const;
export const UrgencySchema = z.enum(URGENCIES);
export type Urgency = z.infer<typeof UrgencySchema>;

const text = (message: string) => z.string().trim().min(1, message).max(20_000);

/**
 * An ad hoc report: the month's report's four parts (situation, results, difficulties, proposals), its urgency, and
 * whether it is on a sensitive matter (Đ7.A.4: democratic centralism, internal unity of the leading collective,
 * personnel under the Provincial Standing Committee), which goes to the Head of Board alone.
 */
export const AdHocReportBodySchema = z.strictObject({
  urgency: UrgencySchema,
  sensitive: z.boolean().default(false),
  situation: text('the report needs the situation of the area'),
  results: text('the report needs the results'),
  difficulties: z.string().trim().max(20_000).optional(),
  proposals: z.string().trim().max(20_000).optional(),
});
export type AdHocReportBody = z.output<typeof AdHocReportBodySchema>;

export const ANSWER_KINDS = ['COMMENT', 'TASK'] as const;

/** Leadership's answer to a report: a comment, or a task for the official, which may name the day it is due by. */
export const ReportAnswerBodySchema = z
  .strictObject({
    kind: z.enum(ANSWER_KINDS),
    text: text('the answer needs its text'),
    dueOn: DaySchema.optional(),
  })
  .refine((answer) => answer.kind === 'TASK' || answer.dueOn === undefined, {
    message: 'only a task has a day it is due by',
    path: ['dueOn'],
  })
  // The same rule in the OpenAPI document: a comment has no `dueOn`.
  .meta({
    anyOf: [{ properties: { kind: { const: 'TASK' } } }, { properties: { kind: { const: 'COMMENT' }, dueOn: false } }],
  });
export type ReportAnswerBody = z.output<typeof ReportAnswerBodySchema>;
