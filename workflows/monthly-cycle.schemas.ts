/**
 * The monthly cycle updates' argument schemas: pure zod, no Temporal import, so the web application validates the
 * plan and report forms with the very schemas the workflow's validators use. Re-exported by monthly-cycle.messages.ts.
 */
import { z } from 'zod';
import { ActorSchema } from '../machines/actor';
import { DaySchema } from '../machines/day';

export const FilePlanArgsSchema = z.strictObject({
  actor: ActorSchema,
  plan: z.strictObject({
    content: z.string().trim().min(1, 'the plan needs its content').max(20_000),
    plannedFor: DaySchema.optional(),
    place: z.string().trim().max(500).optional(),
  }),
});
export type FilePlanArgs = z.infer<typeof FilePlanArgsSchema>;

export const FileReportArgsSchema = z.strictObject({
  actor: ActorSchema,
  report: z.strictObject({
    situation: z.string().trim().min(1, 'the report needs the situation of the area').max(20_000),
    results: z.string().trim().min(1, 'the report needs the results').max(20_000),
    difficulties: z.string().trim().max(20_000).optional(),
    proposals: z.string().trim().max(20_000).optional(),
  }),
});
export type FileReportArgs = z.infer<typeof FileReportArgsSchema>;
