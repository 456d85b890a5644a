/** The answers of the reorganisation routes: the plan the preview shows and the record then carries out. */
import { z } from 'zod';
import { AreaKindSchema } from './codes';
import { AreaLevelSchema, ReorganizationKindSchema } from './areas';

const AreaBriefSchema = z.object({ id: z.string(), name: z.string() });
const Reason = z.literal('AREA_REORGANIZED').nullable();

export const ReorganizationPlanSchema = z.object({
  kind: ReorganizationKindSchema,
  effectiveOn: z.iso.date(),
  /** The last day of a unit that ceases: the day before the effective day. */
  lastDay: z.iso.date(),
  legalBasis: z.object({ number: z.string(), date: z.iso.date() }),
  predecessors: z.array(
    z.object({
      area: AreaBriefSchema.extend({ code: z.string() }),
      whole: z.boolean(),
      outcome: z.enum(['CEASES', 'CONTINUES']),
      successorAreaIds: z.array(z.string()),
    }),
  ),
  successors: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      officialCode: z.string().nullable(),
      name: z.string(),
      level: AreaLevelSchema.nullable(),
      kind: AreaKindSchema,
      parentId: z.string().nullable(),
      predecessorIds: z.array(z.string()),
    }),
  ),
  rename: z.object({ areaId: z.string(), from: z.string(), to: z.string() }).nullable(),
  assignments: z.array(
    z.object({
      id: z.string(),
      area: AreaBriefSchema,
      official: z.object({ id: z.string(), code: z.string(), fullName: z.string() }),
      effectiveFrom: z.iso.date(),
      outcome: z.enum(['CLOSES', 'CONTINUES']),
      reason: Reason,
      on: z.iso.date(),
      successorAreaIds: z.array(z.string()),
    }),
  ),
  openFilings: z.array(
    z.object({
      assignmentId: z.string(),
      subject: z.string(),
      period: z.string(),
      dueAt: z.iso.datetime(),
      outcome: z.enum(['CLOSES', 'CONTINUES']),
      reason: Reason,
    }),
  ),
  evaluations: z.array(
    z.object({
      id: z.string(),
      assignmentId: z.string(),
      year: z.number().int(),
      state: z.string(),
      outcome: z.enum(['TO_SUCCESSOR', 'CLOSES', 'CONTINUES']),
      reason: Reason,
      successorAreaId: z.string().nullable(),
    }),
  ),
  complaints: z.array(
    z.object({ id: z.string(), assignmentId: z.string(), state: z.string(), outcome: z.literal('CONTINUES') }),
  ),
  meetings: z.array(
    z.object({
      id: z.string(),
      areaId: z.string(),
      startsAt: z.iso.datetime(),
      state: z.string(),
      outcome: z.enum(['CANCELLED', 'CONTINUES']),
    }),
  ),
  successorProposals: z.array(
    z.object({
      areaId: z.string(),
      name: z.string(),
      candidates: z.array(
        z.object({
          officialId: z.string(),
          code: z.string(),
          fullName: z.string(),
          fromArea: AreaBriefSchema,
          assignmentId: z.string(),
          servedFrom: z.iso.date(),
          yearsServed: z.number().int(),
          daysServed: z.number().int(),
        }),
      ),
    }),
  ),
});

/** A unit's AREA_SUCCESSOR proposal once leadership settled it. */
export const SettledProposalSchema = z.object({
  id: z.string(),
  areaId: z.string(),
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN']),
  /**
   * The years an official continuing on the unit keeps for rotation: counted from `servedFrom`, the start of their
   * assignment on the predecessor unit; null when the assignment's official monitored none of its predecessors.
   */
  carried: z
    .object({
      officialId: z.string(),
      assignmentId: z.string(),
      fromAssignmentId: z.string(),
      fromAreaId: z.string(),
      servedFrom: z.iso.date(),
      yearsServed: z.number().int(),
      /** Whether the assignment's workflow was told (SIGNALLED), or was not running (NOT_RUNNING). */
      signal: z.enum(['SIGNALLED', 'NOT_RUNNING']),
    })
    .nullable(),
});

export const RecordedReorganizationSchema = z.object({
  id: z.string(),
  recordedAt: z.iso.datetime(),
  plan: ReorganizationPlanSchema,
  /** The proposals opened in leadership's inbox (AREA_SUCCESSOR), one per unit created. */
  proposalIds: z.array(z.string()),
  /** Each running assignment signalled: SIGNALLED, or NOT_RUNNING (no workflow to tell; logged). */
  signals: z.array(z.object({ assignmentId: z.string(), outcome: z.enum(['SIGNALLED', 'NOT_RUNNING']) })),
  /** Each future meeting the plan cancels, signalled likewise: its workflow cancels it on the effective day. */
  meetingSignals: z.array(z.object({ meetingId: z.string(), outcome: z.enum(['SIGNALLED', 'NOT_RUNNING']) })),
});
