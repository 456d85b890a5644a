/** The shapes of the API's answers the pages read (see GET /openapi.json for the full documents). */

export interface AreaRef {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface OfficialSummary {
  id: string;
  code: string;
  fullName: string;
  position: string;
  department: { id: string; code: string; name: string } | null;
}

export interface GroupRef {
  id: string;
  name: string;
}

export interface AssignmentSummary {
  id: string;
  state: string;
  area: AreaRef;
  official: OfficialSummary;
  group: GroupRef | null;
  effectiveFrom: string;
  rotationEligibleAt: string;
  rotationDueAt: string;
  closedAt: string | null;
  closureReason: string | null;
  decision: { number: string; issuedOn: string } | null;
  proposedById: string;
  approvedById: string | null;
  predecessorId: string | null;
}

export interface CurrentAssignment {
  id: string;
  state: string;
  effectiveFrom: string;
  official: OfficialSummary;
  group: GroupRef | null;
}

export interface AreaListItem extends AreaRef {
  parentId: string | null;
  leaderInCharge: OfficialSummary | null;
  currentAssignment: CurrentAssignment | null;
}

export interface Me {
  user: { id: string; username: string; displayName: string };
  roles: string[];
  actorId: string;
  official: (OfficialSummary & { email: string | null }) | null;
  assignments: { id: string; state: string; effectiveFrom: string; area: AreaRef; group: GroupRef | null }[];
  memberships: { group: GroupRef; isLeader: boolean; since: string }[];
  area: (AreaRef & { currentAssignment: CurrentAssignment | null }) | null;
}

import type { AssignmentView } from '../../workflows/assignment.messages';

export type { Ground } from '../../machines/assignment.machine';
/** `GET /assignments/:id`'s `view`: the workflow's own query answer. */
export type { AssignmentView };

export interface AssignmentRecord {
  id: string;
  areaId: string;
  officialId: string;
  groupId: string | null;
  state: string;
  proposedById: string;
  effectiveFrom: string;
  closedAt: string | null;
  closureReason: string | null;
}

export interface AssignmentDetail {
  view: AssignmentView;
  record: AssignmentRecord | null;
}

export interface TimelineEvent {
  seq: number;
  at: string;
  action: string;
  label: string;
  actorId: string | null;
  actorName?: string | null;
  entityType: string;
  entityId?: string;
  fromState: string | null;
  toState: string | null;
  decisionNumber: string | null;
  /** An assignment in force brought in by import (issue 11, point 11): from which file and line. */
  imported?: { file: string | null; line: number | null; importedOn: string | null };
  payload?: Record<string, unknown> | null;
  dueAt?: string | null;
}

export interface Timeline {
  assignmentId: string;
  events: TimelineEvent[];
}

export interface ApprovalRequest {
  id: string;
  assignmentId: string;
  kind: string;
  status: string;
  proposedById: string;
  reason: string;
  payload: Record<string, unknown> | null;
  createdAt: string;
}

export interface Complaint {
  id: string;
  summary: string;
  source: string;
  filedAt: string;
  state: string;
  verification: { outcome: 'WELL_FOUNDED' | 'UNFOUNDED'; findings: string | null; verifiedAt: string } | null;
}

export type Rating = 'EXCELLENT' | 'GOOD' | 'COMPLETED' | 'NOT_COMPLETED';

/** An annual evaluation, as much of it as the caller may see (`visibility`); the rest is null. */
export interface Evaluation {
  id: string;
  assignmentId: string;
  year: number;
  visibility: 'full' | 'areaCommittee' | 'official';
  state: string;
  requestedAt: string;
  dueAt: string;
  receivedAt: string | null;
  /** The area committee's written evaluation (full and areaCommittee). */
  areaEvaluation: {
    submittedById: string | null;
    responsibility: string | null;
    method: string | null;
    coordination: string | null;
    contributions: string | null;
    shortcomings: string | null;
    proposesReplacement: boolean;
  } | null;
  /** The group leader's proposed rating (full only). */
  proposal: { rating: Rating; notes: string | null; proposedById: string | null } | null;
  /** Leadership's rating (full and official). */
  rating: { rating: Rating; ratedById: string | null; ratedAt: string | null } | null;
  opinionSubject: { subjectType: 'AnnualEvaluation'; subjectId: string };
}

export interface EvaluationDetail extends Evaluation {
  workflow: { state: string; allowedEvents: string[]; dueAt: string } | null;
  allowedEvents: string[];
}

/** `GET /dashboard/evaluations-outstanding`: an evaluation not yet rated, and who acts next. */
export interface OutstandingEvaluation {
  id: string;
  assignmentId: string;
  year: number;
  state: string;
  waitingFor: 'AREA_COMMITTEE' | 'GROUP_LEADER' | 'BOARD_LEADERSHIP';
  requestedAt: string;
  dueAt: string;
  receivedAt: string | null;
  overdue: boolean;
  area: AreaRef;
  official: OfficialSummary;
  group: GroupRef | null;
}

/** `GET /groups/:id`. */
export interface GroupDetail extends GroupRef {
  leader: OfficialSummary | null;
  assignments: AssignmentSummary[];
}

export interface Opinion {
  id: string;
  authorId: string;
  subjectType: string;
  subjectId: string;
  text: string;
  createdAt: string;
}

export interface FilingResult {
  late: boolean;
  state: string;
}

export interface ReplayReport {
  results: { workflowId: string; runId: string; ok: boolean; error?: string }[];
  replayed: number;
  failed: number;
}

export interface ChainVerdict {
  ok: boolean;
  rows: number;
  firstBroken: null | { seq: number; reason?: string; at?: string; action?: string };
}
