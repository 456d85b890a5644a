/**
 * The organisation's answers: an official's posts over time, who is in charge of an area or a department on a day,
 * Board leadership on a day, what a person's leaving left open, the gaps to fill, and a people import's result.
 */
import { z } from 'zod';
import { OfficialPositionSchema } from './codes';
import { AreaRefSchema, DepartmentRefSchema, GroupRefSchema, OfficialSummarySchema } from './directory';

const day = z.iso.date();

export const OfficialPostsSchema = OfficialSummarySchema.extend({
  email: z.string().nullable(),
  active: z.boolean(),
  /** The first day of service; null when entered before it was kept. */
  activeFrom: day.nullable(),
  /** The first day no longer with the Board. */
  activeUntil: day.nullable(),
  /** Posts over time, oldest first; `from` null: since before the records were kept. */
  posts: z.array(
    z.object({
      position: OfficialPositionSchema,
      department: DepartmentRefSchema.nullable(),
      from: day.nullable(),
      until: day.nullable(),
    }),
  ),
});
export type OfficialPosts = z.infer<typeof OfficialPostsSchema>;

export const LeaderInChargeSchema = z.object({
  subject: z.object({ kind: z.enum(['area', 'department']), id: z.string(), code: z.string(), name: z.string() }),
  asOf: day,
  leaderInCharge: OfficialSummarySchema.nullable(),
  periods: z.array(z.object({ official: OfficialSummarySchema, from: day.nullable(), until: day.nullable() })),
});
export type LeaderInCharge = z.infer<typeof LeaderInChargeSchema>;

export const LeadershipSchema = z.object({
  asOf: day,
  headOfBoard: OfficialSummarySchema.nullable(),
  members: z.array(
    z.object({
      official: OfficialSummarySchema,
      /** The first day of the post held that day; null: since before the records were kept. */
      since: day.nullable(),
      areas: z.array(AreaRefSchema),
      departments: z.array(DepartmentRefSchema),
    }),
  ),
});
export type Leadership = z.infer<typeof LeadershipSchema>;

/** What became of one of the leaving official's assignments. */
export const LeavingAssignmentSchema = z.object({
  id: z.string(),
  state: z.string(),
  area: AreaRefSchema,
  /**
   * REPORTED: a position-change ground now rests on the assignment, for leadership to decide (Đ4.2);
   * NOT_IN_FORCE: not yet in effect (awaiting approval or scheduled) or handing over: leadership decides it as it stands;
   * REFUSED: the workflow refused the ground (`reason` says why).
   */
  ground: z.enum(['REPORTED', 'NOT_IN_FORCE', 'REFUSED']),
  reason: z.string().optional(),
});

export const LeavingSchema = z.object({
  official: OfficialSummarySchema,
  leftOn: day,
  /** Their login, left as it is: the accounts' route closes it. */
  account: z.object({ id: z.string(), username: z.string(), active: z.boolean() }).nullable(),
  assignments: z.array(LeavingAssignmentSchema),
  membershipsEnded: z.array(z.object({ group: GroupRefSchema, wasLeader: z.boolean() })),
  groupsWithoutLeader: z.array(GroupRefSchema),
  areasWithoutLeaderInCharge: z.array(AreaRefSchema),
  departmentsWithoutLeaderInCharge: z.array(DepartmentRefSchema),
});
export type Leaving = z.infer<typeof LeavingSchema>;

const listed = <T extends z.ZodType>(item: T) => z.object({ count: z.number().int(), items: z.array(item) });

export const GapsSchema = z.object({
  areasWithoutLeaderInCharge: listed(AreaRefSchema),
  groupsWithoutLeader: listed(GroupRefSchema.extend({ memberCount: z.number().int() })),
  assignmentsOfOfficialsWhoLeft: listed(
    z.object({
      id: z.string(),
      state: z.string(),
      area: AreaRefSchema,
      official: OfficialSummarySchema,
      leftOn: day.nullable(),
    }),
  ),
});
export type Gaps = z.infer<typeof GapsSchema>;

const importedLine = z.object({ line: z.number().int(), id: z.string(), code: z.string() });
/** What an import of records with codes of their own (people, groups) answers. */
export const CodedImportResultSchema = z.object({
  file: z.string(),
  importedOn: day,
  created: z.array(importedLine),
  alreadyPresent: z.array(importedLine),
});
export const PeopleImportResultSchema = CodedImportResultSchema;
