/** The directory's query parameters and answers (the shared shapes are in api/directory-views.ts). */
import { z } from 'zod';
import { AreaKind, OfficialPosition, Rating, Role } from '../../prisma/database';
import {
  AreaRefSchema,
  AssignmentSummarySchema,
  CurrentAssignmentSchema,
  DepartmentRefSchema,
  GroupRefSchema,
  OfficialSummarySchema,
} from '../directory-views';
import { pageQuery } from '../pagination';
import { searchQuery } from '../text-match';

export const MeSchema = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  roles: z.array(z.enum(Role)),
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
export type Me = z.input<typeof MeSchema>;

export const DepartmentSchema = DepartmentRefSchema.extend({
  head: OfficialSummarySchema.nullable(),
  officialCount: z.number().int(),
});
export type Department = z.input<typeof DepartmentSchema>;

export const AreasQuerySchema = z.strictObject({
  ...pageQuery,
  kind: z.enum(AreaKind).optional(),
  parentId: z.string().min(1).max(200).optional(),
  /** Part of the area's name or code; diacritics as typed, any case. */
  q: searchQuery,
});
export type AreasQuery = z.output<typeof AreasQuerySchema>;

export const AreaListItemSchema = AreaRefSchema.extend({
  parentId: z.string().nullable(),
  leaderInCharge: OfficialSummarySchema.nullable(),
  currentAssignment: CurrentAssignmentSchema.nullable(),
});
export type AreaListItem = z.input<typeof AreaListItemSchema>;

export const AreaDetailSchema = AreaListItemSchema.extend({
  parent: AreaRefSchema.nullable(),
  children: z.array(AreaRefSchema),
  /** Every approved assignment of the area, newest first: the official, the dates, the decision, how it ended. */
  history: z.array(AssignmentSummarySchema),
  /** Proposals for the area waiting for Board leadership. */
  pendingProposals: z.array(AssignmentSummarySchema),
});
export type AreaDetail = z.input<typeof AreaDetailSchema>;

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
export type GroupListItem = z.input<typeof GroupListItemSchema>;

export const GroupDetailSchema = GroupRefSchema.extend({
  leader: OfficialSummarySchema.nullable(),
  members: z.array(MemberSchema),
  formerMembers: z.array(MemberSchema),
  assignments: z.array(AssignmentSummarySchema),
});
export type GroupDetail = z.input<typeof GroupDetailSchema>;

export const OfficialsQuerySchema = z.strictObject({
  ...pageQuery,
  departmentId: z.string().min(1).max(200).optional(),
  position: z.enum(OfficialPosition).optional(),
  /** Part of the official's name or code; diacritics as typed, any case. */
  q: searchQuery,
});
export type StaffQuery = z.output<typeof OfficialsQuerySchema>;

export const StaffListItemSchema = OfficialSummarySchema.extend({ active: z.boolean() });
export type StaffListItem = z.input<typeof StaffListItemSchema>;

export const PersonnelRecordSchema = z.object({
  official: OfficialSummarySchema.extend({
    email: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  }),
  user: z.object({ username: z.string(), roles: z.array(z.enum(Role)), active: z.boolean() }).nullable(),
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
          proposedRating: z.enum(Rating).nullable(),
          rating: z.enum(Rating).nullable(),
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
export type PersonnelRecord = z.input<typeof PersonnelRecordSchema>;
