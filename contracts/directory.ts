/**
 * The directory's answers: areas, groups, departments, staff, the caller (`GET /me`) and a personnel record, and the
 * small shapes every list repeats (an area, an official, a group, an assignment in short).
 */
import { z } from 'zod';
import { AreaLineageSchema, AreaMapFieldsSchema } from './areas';
import { DecisionSignedSchema } from './signatures';
import { AreaKindSchema, ClosureReasonSchema, OfficialPositionSchema, RatingSchema, RoleSchema } from './codes';

export const DepartmentRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type DepartmentRef = z.infer<typeof DepartmentRefSchema>;

/** An official as the staff directory shows them: not personnel details (see GET /officials/:id). */
export const OfficialSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  fullName: z.string(),
  position: OfficialPositionSchema,
  department: DepartmentRefSchema.nullable(),
});
export type OfficialSummary = z.infer<typeof OfficialSummarySchema>;

export const AreaRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: AreaKindSchema });
export type AreaRef = z.infer<typeof AreaRefSchema>;

export const GroupRefSchema = z.object({ id: z.string(), name: z.string() });
export type GroupRef = z.infer<typeof GroupRefSchema>;

export const DecisionRefSchema = z.object({
  id: z.string(),
  number: z.string(),
  issuedOn: z.iso.datetime(),
  /** Its verified signed copy ("Đã ký số"), or null while none is kept. */
  signature: DecisionSignedSchema.nullable(),
});

/** One assignment in a list: who monitors what, since when, and how it ended. */
export const AssignmentSummarySchema = z.object({
  id: z.string(),
  state: z.string(),
  area: AreaRefSchema,
  official: OfficialSummarySchema,
  group: GroupRefSchema.nullable(),
  effectiveFrom: z.iso.datetime(),
  rotationEligibleAt: z.iso.datetime(),
  rotationDueAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  closureReason: ClosureReasonSchema.nullable(),
  decision: DecisionRefSchema.nullable(),
  proposedById: z.string(),
  approvedById: z.string().nullable(),
  predecessorId: z.string().nullable(),
});
export type AssignmentSummary = z.infer<typeof AssignmentSummarySchema>;

/** The assignment currently in effect for an area, in short: who monitors it. */
export const CurrentAssignmentSchema = z.object({
  id: z.string(),
  state: z.string(),
  effectiveFrom: z.iso.datetime(),
  official: OfficialSummarySchema,
  group: GroupRefSchema.nullable(),
});
export type CurrentAssignment = z.infer<typeof CurrentAssignmentSchema>;

/** `GET /me`: who the caller is, and what they monitor, lead or are monitored by. */
export const MeSchema = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  roles: z.array(RoleSchema),
  /** The id the caller acts as: their official id for Board staff, their user id otherwise. */
  actorId: z.string(),
  official: OfficialSummarySchema.extend({ email: z.string().nullable() }).nullable(),
  /** The official's assignments not yet closed, proposals awaiting approval included (see `state`). */
  assignments: z.array(
    z.object({
      id: z.string(),
      state: z.string(),
      effectiveFrom: z.iso.datetime(),
      area: AreaRefSchema,
      group: GroupRefSchema.nullable(),
    }),
  ),
  memberships: z.array(z.object({ group: GroupRefSchema, isLeader: z.boolean(), since: z.iso.datetime() })),
  /** For an area committee: its area and who monitors it. */
  area: AreaRefSchema.extend({ currentAssignment: CurrentAssignmentSchema.nullable() }).nullable(),
});
export type Me = z.infer<typeof MeSchema>;

export const DepartmentSchema = DepartmentRefSchema.extend({
  head: OfficialSummarySchema.nullable(),
  officialCount: z.number().int(),
});
export type Department = z.infer<typeof DepartmentSchema>;

export const AreaListItemSchema = AreaRefSchema.extend(AreaMapFieldsSchema.shape).extend({
  parentId: z.string().nullable(),
  leaderInCharge: OfficialSummarySchema.nullable(),
  currentAssignment: CurrentAssignmentSchema.nullable(),
});
export type AreaListItem = z.infer<typeof AreaListItemSchema>;

export const AreaDetailSchema = AreaListItemSchema.extend({
  parent: AreaRefSchema.nullable(),
  children: z.array(AreaRefSchema),
  /** Every approved assignment of the area, newest first: the official, the dates, the decision, how it ended. */
  history: z.array(AssignmentSummarySchema),
  /** Proposals for the area waiting for Board leadership. */
  pendingProposals: z.array(AssignmentSummarySchema),
}).extend(AreaLineageSchema.shape);
export type AreaDetail = z.infer<typeof AreaDetailSchema>;

const MemberSchema = z.object({
  official: OfficialSummarySchema,
  isLeader: z.boolean(),
  since: z.iso.datetime(),
  until: z.iso.datetime().nullable(),
});

export const GroupListItemSchema = GroupRefSchema.extend({
  leader: OfficialSummarySchema.nullable(),
  memberCount: z.number().int(),
  /** Areas the group monitors now. */
  areas: z.array(AreaRefSchema),
});
export type GroupListItem = z.infer<typeof GroupListItemSchema>;

/** `GET /groups/:id`. */
export const GroupDetailSchema = GroupRefSchema.extend({
  leader: OfficialSummarySchema.nullable(),
  members: z.array(MemberSchema),
  formerMembers: z.array(MemberSchema),
  assignments: z.array(AssignmentSummarySchema),
});
export type GroupDetail = z.infer<typeof GroupDetailSchema>;

export const StaffListItemSchema = OfficialSummarySchema.extend({ active: z.boolean() });
export type StaffListItem = z.infer<typeof StaffListItemSchema>;

/** `GET /officials/:id`. */
export const PersonnelRecordSchema = z.object({
  official: OfficialSummarySchema.extend({
    email: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  }),
  user: z.object({ username: z.string(), roles: z.array(RoleSchema), active: z.boolean() }).nullable(),
  /** Position changes reported on the official's assignments (Đ4.2), oldest first; the current position is above. */
  positionChanges: z.array(
    z.object({
      at: z.iso.datetime(),
      assignmentId: z.string().nullable(),
      note: z.string(),
      reportedById: z.string().nullable(),
    }),
  ),
  memberships: z.array(
    z.object({
      group: GroupRefSchema,
      isLeader: z.boolean(),
      since: z.iso.datetime(),
      until: z.iso.datetime().nullable(),
    }),
  ),
  /**
   * Every assignment, newest first, with its annual evaluations' ratings (the area's written texts are not here;
   * `proposedRating` is null unless the reader is Board leadership or the auditor).
   */
  assignments: z.array(
    AssignmentSummarySchema.omit({ official: true }).extend({
      evaluations: z.array(
        z.object({
          year: z.number().int(),
          state: z.string(),
          dueAt: z.iso.datetime(),
          proposedRating: RatingSchema.nullable(),
          rating: RatingSchema.nullable(),
          ratedAt: z.iso.datetime().nullable(),
        }),
      ),
    }),
  ),
  /** Deadlines missed, recorded against the official (a late filing does not erase the miss). */
  missedDeadlines: z.array(
    z.object({
      assignmentId: z.string(),
      subject: z.string(),
      reference: z.string(),
      dueAt: z.iso.datetime(),
      missedAt: z.iso.datetime().nullable(),
      escalationLevel: z.number().int(),
    }),
  ),
});
export type PersonnelRecord = z.infer<typeof PersonnelRecordSchema>;
