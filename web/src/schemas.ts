/**
 * The schemas the forms validate with. The workflow updates' argument schemas are the API's own, imported from
 * workflows/*.schemas.ts (pure zod), with the actor left out exactly as the routes do: the actor is the token's.
 */
import { z } from 'zod';
import type { OpinionSubject } from '../../labels';
import { SubmitAreaEvaluationArgsSchema } from '../../workflows/annual-evaluation.schemas';
import { ApproveArgsSchema, RejectArgsSchema } from '../../workflows/assignment.schemas';
import { FilePlanArgsSchema, FileReportArgsSchema, planOfMonth } from '../../workflows/monthly-cycle.schemas';

/** `POST /assignments/:id/approve` (api/assignments/schemas.ts: ApproveArgsSchema without the actor). */
export const ApproveBodySchema = ApproveArgsSchema.omit({ actor: true });
/** `POST /assignments/:id/reject`. */
export const RejectBodySchema = RejectArgsSchema.omit({ actor: true });
/** `POST /assignments/:id/months/:period/plan` (api/routes/filings.ts). */
export const PlanBodySchema = FilePlanArgsSchema.shape.plan;
/** The plan of one month, as the route checks it: the field trip's day within that month (Đ8.1). */
export const planBodyOfMonth = planOfMonth;
/** `POST /assignments/:id/months/:period/report`. */
export const ReportBodySchema = FileReportArgsSchema.shape.report;
/** `POST /assignments/:id/evaluations/:year/area-evaluation` (api/evaluations/schemas.ts): `{ evaluation }`. */
export const AreaEvaluationBodySchema = SubmitAreaEvaluationArgsSchema.omit({ actor: true });

/**
 * `POST /auth/login`. The route's schema lives beside its Node-only code (api/auth/plugin.ts), so it is restated here
 * with the same limits; the server validates again either way.
 */
export const LoginBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1_000),
});

/** `POST /opinions` (api/routes/opinions.ts, restated for the same reason; labels/ names each subject). */
export const OPINION_SUBJECT_TYPES = [
  'Assignment',
  'ApprovalRequest',
  'AnnualEvaluation',
  'MonthlyReport',
] as const satisfies readonly OpinionSubject[];
export const OpinionBodySchema = z.strictObject({
  subjectType: z.enum(OPINION_SUBJECT_TYPES),
  subjectId: z.string().trim().min(1).max(300),
  text: z.string().trim().min(1).max(20_000),
});

/**
 * The four ratings of an annual evaluation (machines/annual-evaluation.machine.ts RATINGS), best first, and the bodies
 * of `POST /assignments/:id/evaluations/:year/proposal` and `…/rating`. Their schemas live in
 * workflows/annual-evaluation.messages.ts, beside Temporal's update definitions, and take the ratings from the machine
 * (XState): neither belongs in the bundle, so they are restated here, and test/web/schemas.test.ts holds them equal.
 */
export const RATINGS = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'] as const;
export const ProposalBodySchema = z.strictObject({ rating: z.enum(RATINGS), notes: z.string().trim().max(20_000) });
export const RatingBodySchema = z.strictObject({ rating: z.enum(RATINGS) });

/** The dashboard's `asOf` day (api/routes/dashboard.ts accepts an ISO instant or a day). */
export const AsOfSchema = z.strictObject({ asOf: z.iso.date() });

/** `POST /audit/replay` for one assignment. */
export const ReplayBodySchema = z.strictObject({ assignmentId: z.string().trim().min(1).max(200) });
