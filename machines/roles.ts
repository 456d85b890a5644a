import { z } from 'zod';

/** Roles as stored on users (mirrors the Prisma `Role` enum). */
export const RoleSchema = z.enum([
  'ADMINISTRATOR',
  'BOARD_LEADER',
  'HEAD_OF_BOARD',
  'DEPARTMENT_HEAD',
  'GROUP_LEADER',
  'OFFICIAL',
  'AREA_COMMITTEE',
  'AUDITOR',
  'AGENCY_LEADER',
  'AGENCY_HEAD',
  'STANDING_COMMITTEE_MEMBER',
]);
export type Role = z.infer<typeof RoleSchema>;

/*
 * The named sets of roles the regulation and the product act on: routes, rules and the web app import these, so
 * who may do what is decided in one place.
 */

/** Board leadership: the leaders and the Head of Board; they assign, approve and rate (Đ2.5, Đ4.1). */
export const LEADERSHIP = ['BOARD_LEADER', 'HEAD_OF_BOARD'] as const satisfies readonly Role[];

/**
 * Outside the Board: the area committees, and the people of a programme the Standing Committee decides (seed 001):
 * leaders of provincial agencies who monitor communes, the agencies' heads, the Standing Committee's members.
 */
export const OUTSIDE_THE_BOARD = [
  'AREA_COMMITTEE',
  'AGENCY_LEADER',
  'AGENCY_HEAD',
  'STANDING_COMMITTEE_MEMBER',
] as const satisfies readonly Role[];
type OutsideRole = (typeof OUTSIDE_THE_BOARD)[number];

/** Everyone of the Board, that is every role but those outside it. */
export const STAFF = RoleSchema.options.filter(
  (role): role is Exclude<Role, OutsideRole> => !(OUTSIDE_THE_BOARD as readonly Role[]).includes(role),
);

/** The people of a provincial agency in a programme its leaders monitor in (seed 001): its leaders and its head. */
export const AGENCY_PEOPLE = ['AGENCY_LEADER', 'AGENCY_HEAD'] as const satisfies readonly Role[];

/**
 * Who follows an agency's leaders' monitoring (seed 001's gap: the agency leadership's responsibility): the agency's
 * head (their own agency only), Board leadership as the Standing Committee's secretariat, and the auditor.
 */
export const AGENCY_MONITORING_READERS = ['AGENCY_HEAD', ...LEADERSHIP, 'AUDITOR'] as const satisfies readonly Role[];

/** Who proposes an assignment, a rotation or an early reassignment: leadership and the departments (Đ4.2). */
export const ASSIGNMENT_PROPOSERS = [...LEADERSHIP, 'DEPARTMENT_HEAD'] as const satisfies readonly Role[];

/** Who reports an official's change of position, or records a complaint: proposers and the administrator. */
export const POSITION_CHANGE_REPORTERS = [...ASSIGNMENT_PROPOSERS, 'ADMINISTRATOR'] as const satisfies readonly Role[];
export const COMPLAINT_RECORDERS = POSITION_CHANGE_REPORTERS;

/** Who may read complaints at all; the confidentiality rule then narrows it to those with a part in one. */
export const COMPLAINT_READERS = ['AUDITOR', ...COMPLAINT_RECORDERS] as const satisfies readonly Role[];

/**
 * The internal political security department (the auditor) and leadership: who verifies complaints and who may
 * export workflow histories, which hold evaluations and complaints verbatim.
 */
export const AUDITOR_AND_LEADERSHIP = ['AUDITOR', ...LEADERSHIP] as const satisfies readonly Role[];

/** Who proposes an annual rating: the group leader, or an official working alone for themself (Đ7.B.4, Đ5.6). */
export const RATING_PROPOSERS = ['GROUP_LEADER', 'OFFICIAL'] as const satisfies readonly Role[];

/** Those who file plans, reports and proposed ratings: the monitoring officials and their group leaders (Đ7, Đ8). */
export const FILERS = ['OFFICIAL', 'GROUP_LEADER'] as const satisfies readonly Role[];

/**
 * Who reads plans and reports at all: leadership, the auditor, group leaders and officials; the
 * confidentiality rule (api/confidentiality.ts, filingVisibility) then narrows it to the group's and one's own.
 */
export const FILING_READERS = [
  'BOARD_LEADER',
  'HEAD_OF_BOARD',
  'AUDITOR',
  ...FILERS,
] as const satisfies readonly Role[];

/** Leadership and the internal political security department, who audits compliance (Đ13.3). */
export const LEADERSHIP_AND_AUDITOR = [...LEADERSHIP, 'AUDITOR'] as const satisfies readonly Role[];

/** Who reads the province's dashboard: leadership, the auditor and department heads. */
export const DASHBOARD_READERS = [...LEADERSHIP_AND_AUDITOR, 'DEPARTMENT_HEAD'] as const satisfies readonly Role[];

/** Who reads personnel records (Đ4.1): leadership, the auditor and the administrator who keeps them. */
export const PERSONNEL_READERS = [...LEADERSHIP_AND_AUDITOR, 'ADMINISTRATOR'] as const satisfies readonly Role[];

export function hasAnyRole(actor: { roles: readonly Role[] }, allowed: readonly Role[]): boolean {
  return actor.roles.some((role) => allowed.includes(role));
}
