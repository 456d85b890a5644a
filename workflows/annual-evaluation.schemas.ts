/**
 * The area committee's evaluation schema: pure zod, no Temporal import and no machine, so the web application
 * validates the evaluation form with the very schema the workflow's validator uses. Re-exported by
 * annual-evaluation.messages.ts (the rating schemas stay there: they take their values from the machine).
 */
import { z } from 'zod';
import { ActorSchema } from '../machines/actor';

const text = (what: string) => z.string().trim().min(1, `${what} is required`).max(20_000);

export const SubmitAreaEvaluationArgsSchema = z.strictObject({
  actor: ActorSchema,
  evaluation: z.strictObject({
    responsibility: text('sense of responsibility'),
    method: text('working method'),
    coordination: text('coordination'),
    contributions: text('contributions'),
    shortcomings: text('shortcomings'),
    /** Đ9.5: the group is evaluated "and especially its leader"; optional, as an official alone has no group. */
    groupLeaderAssessment: text("the group leader's assessment").optional(),
    proposesReplacement: z.boolean(),
  }),
});
export type SubmitAreaEvaluationArgs = z.infer<typeof SubmitAreaEvaluationArgsSchema>;
