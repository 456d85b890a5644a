/**
 * Who reads what: the access rules of the confidential records (Đ4.1, Đ7.A.6: personnel information, complaints and
 * evaluations are visible only to those with a role in them) and of the plans and reports (Đ7.A.4, Đ8). Pure
 * functions of the caller and the record's people; the records (domain/) load those people, the routes ask these
 * rules after their own role check, and a caller with the right role but no part in the record gets 403 FORBIDDEN
 * with `reason: 'CONFIDENTIAL'`. Unknown records are 404 for everyone who passes the route's role check.
 */
import { type Actor, isBoardLeadership } from './actor';
import type { Ground } from './assignment.machine';
import { COMMUNE_PROPOSAL_READERS } from './commune-decisions';
import { hasAnyRole, PERSONNEL_READERS, type Role } from './roles';

export const isAuditor = (actor: Actor): boolean => actor.roles.includes('AUDITOR');

/** Board leadership and the auditor: a part in every record of the Board but those about themselves. */
export const isLeadershipOrAuditor = (actor: Actor): boolean => isBoardLeadership(actor) || isAuditor(actor);

/** The people of one assignment, as the records say now. */
export interface AssignmentParties {
  assignmentId: string;
  areaId: string;
  /** The official assigned to the area. */
  officialId: string;
  groupId: string | null;
  /** Who proposes the rating (Đ7.B.4, Đ5.6): the group's current leader, or the official working alone. */
  groupLeaderId: string;
  /** The monitoring officials: the official and the current members of the group (the leader included). */
  monitoringOfficialIds: string[];
}

// ───────────────────────── departments ─────────────────────────

/** The whole Board, or one department's officials (none when a department head has no department on record). */
export type DepartmentScope = { boardWide: true } | { boardWide: false; departmentId: string | null };

/** Board leadership, the auditor and administrators act Board-wide; a department head on their department's officials. */
export const isBoardWide = (actor: Actor): boolean =>
  isBoardLeadership(actor) || hasAnyRole(actor, ['AUDITOR', 'ADMINISTRATOR']);

/** Whether an official of this department is within the scope. */
export const withinScope = (scope: DepartmentScope, officialDepartmentId: string | null): boolean =>
  scope.boardWide || (scope.departmentId !== null && scope.departmentId === officialDepartmentId);

// ───────────────────────── personnel records ─────────────────────────

/** Leadership, the auditor and administrators read any record; a department head their department's; anyone their own. */
export function mayReadPersonnelRecord(
  actor: Actor,
  official: { id: string; departmentId: string | null },
  scope: DepartmentScope,
): boolean {
  if (actor.id === official.id || hasAnyRole(actor, PERSONNEL_READERS)) return true;
  return withinScope(scope, official.departmentId);
}

// ───────────────────────── annual evaluations ─────────────────────────

/**
 * What of an evaluation a caller sees:
 * - `full`: Board leadership (they rate, Đ12), the auditor (Đ13.3: reconstructs and checks everything), the group
 *   leader who proposes the rating (Đ7.B.4; the official when working alone) and whoever made the proposal;
 * - `areaCommittee`: the standing committee the request is addressed to sees the request (due date, state) and its
 *   own submission, not the Board's internal proposal or rating. That is the evaluated area's committee, or, once the
 *   area ceased before sending it and the request passed to its one successor, the successor's and no longer the
 *   former unit's (`committeeAreaId`: where the record says it passed);
 * - `official`: the evaluated official sees the request and, once decided, leadership's final rating, but not the
 *   committee's written comments nor the group leader's proposal and notes (as a Board treats "phiếu nhận xét");
 * - null: nobody else (other officials, other areas' committees, department heads, administrators).
 */
export type EvaluationVisibility = 'full' | 'areaCommittee' | 'official';

export function evaluationVisibility(
  actor: Actor,
  parties: AssignmentParties,
  row?: { proposedById: string | null; committeeAreaId?: string | null } | null,
): EvaluationVisibility | null {
  if (isLeadershipOrAuditor(actor)) return 'full';
  if (actor.id === parties.groupLeaderId || (row?.proposedById != null && actor.id === row.proposedById)) return 'full';
  const committeeAreaId = row?.committeeAreaId ?? parties.areaId;
  if (actor.roles.includes('AREA_COMMITTEE') && actor.areaId === committeeAreaId) return 'areaCommittee';
  if (actor.id === parties.officialId) return 'official';
  return null;
}

/**
 * Whether the caller has a part in some of an assignment's evaluations: in them as a whole (the rule above for its
 * area), or as the committee one of them passed to (`passedTo`: those committees' areas). Each evaluation is then
 * shown or refused by its own visibility.
 */
export function readsSomeEvaluation(actor: Actor, parties: AssignmentParties, passedTo: readonly string[]): boolean {
  if (evaluationVisibility(actor, parties)) return true;
  return passedTo.some((committeeAreaId) =>
    evaluationVisibility(actor, parties, { proposedById: null, committeeAreaId }),
  );
}

/** The parts of an evaluation, as the evaluation routes show them. */
export type EvaluationPart = 'request' | 'areaEvaluation' | 'proposal' | 'rating';

/**
 * Which parts of an evaluation a visibility sees: the request and its progress (state, due and received dates) every
 * reader; the committee's written evaluation (and whether it proposes a replacement) `full` and `areaCommittee`; the
 * group leader's proposal `full` only; leadership's rating `full` and `official`.
 */
export function seesEvaluationPart(visibility: EvaluationVisibility | null, part: EvaluationPart): boolean {
  switch (part) {
    case 'request':
      return visibility !== null;
    case 'areaEvaluation':
      return visibility === 'full' || visibility === 'areaCommittee';
    case 'proposal':
      return visibility === 'full';
    case 'rating':
      return visibility === 'full' || visibility === 'official';
  }
}

// ───────────────────────── complaints ─────────────────────────

/**
 * What of a complaint a caller sees:
 * - `full`: Board leadership (the reassignment is theirs to decide), the auditor (the internal political security
 *   department verifies complaints, Đ13.3) and the verifier assigned to it (who by the workflow's rule is one of those);
 * - `recorder`: the staff member who recorded the complaint received by the Board sees what they recorded and its
 *   state, not the verification's findings;
 * - null: the official complained about (whatever other role they hold), other officials, area committees.
 */
export type ComplaintVisibility = 'full' | 'recorder';

export function complaintVisibility(
  actor: Actor,
  complaint: { officialId: string; filedById: string },
  verifierId?: string | null,
): ComplaintVisibility | null {
  if (actor.id === complaint.officialId) return null;
  if (isLeadershipOrAuditor(actor) || (verifierId != null && actor.id === verifierId)) return 'full';
  if (actor.id === complaint.filedById) return 'recorder';
  return null;
}

/** The list filter matching `complaintVisibility`: all but one's own for leadership and the auditor, else what one recorded. */
export function visibleComplaintsWhere(actor: Actor): { officialId: { not: string }; filedById?: string } {
  const notAboutMe = { officialId: { not: actor.id } };
  return isLeadershipOrAuditor(actor) ? notAboutMe : { ...notAboutMe, filedById: actor.id };
}

// ───────────────────────── reserved opinions ─────────────────────────

/**
 * Đ6.4: a monitoring official may keep on record a proposal different from the departments' and the leader in
 * charge's on the work of the area assigned to them. So the authors are the monitoring officials of the subject's
 * assignment (the official and the current members of the group); for an evaluation, the evaluated official and the
 * group leader who proposed its rating.
 */
export function mayWriteOpinion(actor: Actor, subjectType: string, parties: AssignmentParties): boolean {
  if (subjectType === 'AnnualEvaluation') return actor.id === parties.officialId || actor.id === parties.groupLeaderId;
  return parties.monitoringOfficialIds.includes(actor.id);
}

/**
 * Readers of the opinions on a subject: Board leadership (to whom the dissent is addressed), the auditor, and the
 * monitoring officials of the assignment; for an evaluation, only those who see its rating (not the area committee).
 */
export function mayReadOpinions(actor: Actor, subjectType: string, parties: AssignmentParties): boolean {
  if (isLeadershipOrAuditor(actor)) return true;
  if (subjectType === 'AnnualEvaluation') {
    const visibility = evaluationVisibility(actor, parties);
    return visibility === 'full' || visibility === 'official';
  }
  return parties.monitoringOfficialIds.includes(actor.id);
}

// ───────────────────────── facts of these records on an assignment ─────────────────────────

/**
 * A fact on an assignment's record (its view, its timeline) that comes from a confidential record (Đ7.A.6): it is
 * shown to those who may read that record, or that part of it, and to nobody else.
 * `complaintId` null: the assignment's complaints as a whole (a read of their list).
 */
export type ConfidentialSource =
  | { record: 'Complaint'; complaintId: string | null }
  | { record: 'AnnualEvaluation'; year: number | null; part: EvaluationPart }
  | { record: 'ReservedOpinion'; subjectType: string; subjectId: string }
  /** An ad hoc report's steps: those of a report on a sensitive matter only to those who may see it (filingVisibility). */
  | { record: 'AdHocReport'; reportId: string };

/**
 * Where a ground for early reassignment (Đ4.2) comes from: a complaint verified well-founded is the complaint's; a
 * "not completed" rating is the evaluation's rating; the committee's request for a replacement is its written
 * evaluation. A position change is reported by the departments and is no secret.
 */
export function groundSource(ground: Ground): ConfidentialSource | null {
  switch (ground.kind) {
    case 'VERIFIED_COMPLAINT':
      return { record: 'Complaint', complaintId: ground.complaintId };
    case 'NOT_COMPLETED_RATING':
      return { record: 'AnnualEvaluation', year: ground.year, part: 'rating' };
    case 'AREA_PROPOSED_REPLACEMENT':
      return { record: 'AnnualEvaluation', year: ground.year, part: 'areaEvaluation' };
    case 'POSITION_CHANGED':
      return null;
  }
}

// ───────────────────────── plans and reports ─────────────────────────

/**
 * Who reads an official's plans and reports: Board leadership (to whom they are addressed, Đ8.1, Đ8.2),
 * the auditor (Đ13.3), the group leader for the areas of the group they lead (Đ7.B.1) and the official their own;
 * nobody else. `ledGroupIds`: the groups the caller leads now (`ledGroups`).
 */
export interface FilingReader {
  actor: Actor;
  ledGroupIds: readonly string[];
}

/** Whether the caller reads every official's filings (leadership and the auditor) or only some (`filingsWhere`). */
export const readsAllFilings = (actor: Actor): boolean => isLeadershipOrAuditor(actor);

/** The assignments whose filings a reader may list, as a Prisma `where` on Assignment (null: all of them). */
export function filingAssignmentsWhere({ actor, ledGroupIds }: FilingReader) {
  if (readsAllFilings(actor)) return null;
  return { OR: [{ officialId: actor.id }, ...(ledGroupIds.length > 0 ? [{ groupId: { in: [...ledGroupIds] } }] : [])] };
}

/**
 * What of a plan or report a caller sees:
 * - `full`: its content;
 * - `metadata`: that it exists, who sent it, when and to whom, not what it says: the auditor's view of a report on a
 *   sensitive matter unless the policy lets the auditor read those (machines/policy.ts, `reports`);
 * - null: nothing, not even that it exists.
 *
 * A report on a sensitive matter (Đ7.A.4: "phải kịp thời báo cáo với đồng chí Trưởng ban") is the Head of Board's
 * alone, and its author's; not the group leader's nor the other leaders'. Every other filing: leadership, the
 * auditor, the group leader of the assignment's group, the assignment's official and whoever filed it.
 */
export type FilingVisibility = 'full' | 'metadata';

export function filingVisibility(
  { actor, ledGroupIds }: FilingReader,
  filing: { officialId: string; groupId: string | null; filedById: string | null; sensitive: boolean },
  policy: { auditorReadsSensitiveContent: boolean },
): FilingVisibility | null {
  if (filing.sensitive) {
    if (actor.id === filing.filedById || actor.roles.includes('HEAD_OF_BOARD')) return 'full';
    if (isAuditor(actor)) return policy.auditorReadsSensitiveContent ? 'full' : 'metadata';
    return null;
  }
  if (readsAllFilings(actor) || actor.id === filing.officialId || actor.id === filing.filedById) return 'full';
  if (filing.groupId !== null && ledGroupIds.includes(filing.groupId)) return 'full';
  return null;
}

/** Who answers or acknowledges a report: leadership who read it in full (a sensitive one: the Head of Board). */
export function mayAnswerReport(reader: FilingReader, visibility: FilingVisibility | null): boolean {
  return isBoardLeadership(reader.actor) && visibility === 'full';
}

/**
 * Who reads a written decision (its register entry, its document): leadership and the auditor, as the register; and an
 * official it names, their own decision. Anyone else's role may call the route but has no part in it (403).
 */
export function mayReadDecision(actor: Actor, decision: { officialIds: readonly string[] }): boolean {
  return isLeadershipOrAuditor(actor) || decision.officialIds.includes(actor.id);
}

/** The people of a Standing Committee's decision on who monitors a commune. */
export interface CommuneDecisionParties {
  areaId: string;
  /** The leader appointed, and the one whose link a reassignment ends. */
  leaderUserIds: readonly string[];
  /** The heads today of those leaders' agencies. */
  headUserIds: readonly string[];
}

/**
 * Who reads a Standing Committee's decision on who monitors a commune (its document): those who prepare, decide and
 * audit the proposals (COMMUNE_PROPOSAL_READERS: Board leadership and department heads, the Standing Committee's
 * members, the auditor); the leaders it names; the heads of their agencies, who follow their leaders' monitoring
 * (machines/agency-access.ts); the commune's Party committee, whose monitor it names. Its paper carries no confidential
 * detail (no proposal reason, no comment), so all of them read the same document.
 */
export function mayReadCommuneDecision(
  reader: { userId: string; roles: readonly Role[]; areaId?: string | undefined },
  parties: CommuneDecisionParties,
): boolean {
  const has = (role: Role) => reader.roles.includes(role);
  if (hasAnyRole(reader, COMMUNE_PROPOSAL_READERS)) return true;
  if (has('AGENCY_LEADER') && parties.leaderUserIds.includes(reader.userId)) return true;
  if (has('AGENCY_HEAD') && parties.headUserIds.includes(reader.userId)) return true;
  return has('AREA_COMMITTEE') && reader.areaId === parties.areaId;
}
