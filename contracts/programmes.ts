/**
 * The programmes' answers: each programme with the version in force, its versions over time, and what a draft version
 * would change (field by field, against the version it follows) and which running assignments it would reach.
 */
import { z } from 'zod';
import {
  CadenceKindSchema,
  DecidedBySchema,
  EvaluationFormSchema,
  MonitoredBySchema,
  TermRuleSchema,
} from '../machines/programme';
import { PolicySchema } from '../machines/policy';

const day = z.iso.date();

export const ProgrammeVersionRefSchema = z.object({ label: z.string(), effectiveFrom: day });

export const ProgrammeSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  legalBasis: z.string(),
  decidedBy: DecidedBySchema,
  monitoredBy: MonitoredBySchema,
  areaKinds: z.array(z.string()),
  cadenceKind: CadenceKindSchema,
  evaluationForm: EvaluationFormSchema,
  termRule: TermRuleSchema,
  /** The version in force today (Vietnam's day). */
  inForce: ProgrammeVersionRefSchema.nullable(),
  runningAssignments: z.number().int(),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummarySchema>;

export const ProgrammeVersionSchema = ProgrammeVersionRefSchema.extend({
  id: z.string(),
  /** PAST: followed by a version in force; IN_FORCE: today's; PENDING: takes effect later. */
  status: z.enum(['PAST', 'IN_FORCE', 'PENDING']),
  note: z.string().nullable(),
  publishedById: z.string(),
  publishedAt: z.iso.datetime(),
  policy: PolicySchema,
});
export type ProgrammeVersion = z.infer<typeof ProgrammeVersionSchema>;

export const ProgrammeDetailSchema = ProgrammeSummarySchema.extend({
  /** Oldest first. */
  versions: z.array(ProgrammeVersionSchema),
});
export type ProgrammeDetail = z.infer<typeof ProgrammeDetailSchema>;

export const VersionPreviewSchema = z.object({
  candidate: ProgrammeVersionRefSchema,
  /** The version the candidate follows: the one in force on the day before it takes effect. */
  follows: ProgrammeVersionRefSchema.nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  /** The programme's assignments not closed: from the candidate's day, each new step of theirs follows it. */
  touches: z.object({
    count: z.number().int(),
    assignments: z.array(
      z.object({
        id: z.string(),
        state: z.string(),
        area: z.object({ id: z.string(), name: z.string() }),
        official: z.object({ id: z.string(), fullName: z.string() }),
      }),
    ),
  }),
});
export type VersionPreview = z.infer<typeof VersionPreviewSchema>;
