/**
 * What the label tables are keyed by: the languages, and the codes the workflows, the database and the API write,
 * each as a union. Where machines/ already names a union (roles, ratings, closure reasons, grounds, the machines'
 * states) it is imported from there; the rest (area kinds, approval kinds, audit actions, rule codes…) are named here,
 * and api/timeline/labels.ts holds those that mirror a Prisma enum equal to it at compile time.
 *
 * Every language's table is a `Labels`: a text missing in one language, or a code the union does not know, fails tsc.
 */
import type { StateValueFrom } from 'xstate';
import type { Role } from '../machines/actor';
import type { annualEvaluationMachine, Rating } from '../machines/annual-evaluation.machine';
import type { AssignmentMachine, ClosureReason, Ground, ProposalRequest } from '../machines/assignment.machine';
import type { MessageKey } from './messages.vi';

export type { MessageKey, Rating, Role, ClosureReason };

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A machine's state value as the views spell it: 'closed', 'active', 'active.rotationDue'. */
type Dotted<V> = V extends string ? V : { [K in keyof V & string]: `${K}.${Dotted<V[K]>}` }[keyof V & string];
/** The assignment's states (machines/assignment.machine.ts), parents and leaves. */
export type AssignmentStateName = Dotted<StateValueFrom<AssignmentMachine>>;
/** The annual evaluation's states (machines/annual-evaluation.machine.ts), parents and leaves. */
export type EvaluationStateName = Dotted<StateValueFrom<typeof annualEvaluationMachine>>;

/** An approval request's kind (Prisma `ApprovalKind`): the appointment itself, the machine's proposals, a meeting. */
export type ProposalKind = 'APPOINTMENT' | ProposalRequest['kind'] | 'MEETING_ATTENDANCE' | 'AREA_SUCCESSOR';
/** The established facts an early reassignment rests on (machines/assignment.machine.ts `Ground`). */
export type GroundKind = Ground['kind'];
/** Whose step an annual evaluation waits for (the dashboard's `waitingFor`). */
export type WaitingFor = 'AREA_COMMITTEE' | 'GROUP_LEADER' | 'BOARD_LEADERSHIP';
/** Prisma `AreaKind`. */
export type AreaKind =
  | 'DISTRICT'
  | 'TOWN'
  | 'CITY'
  | 'PROVINCIAL_AGENCY'
  | 'FRONT_OR_UNION'
  | 'DIRECT_PARTY_COMMITTEE'
  | 'CENTRAL_AGENCY'
  | 'COMMUNE'
  | 'WARD'
  | 'COMMUNE_TOWN'
  | 'PROVINCE'
  | 'SPECIAL_ZONE';
/** Prisma `EscalationTarget`: whom a missed deadline is reported to. */
export type EscalationTarget = 'GROUP_LEADER' | 'LEADER_IN_CHARGE' | 'HEAD_OF_BOARD';
/** What a reserved opinion may be about (api/routes/opinions.ts). */
export type OpinionSubject = 'Assignment' | 'ApprovalRequest' | 'AnnualEvaluation' | 'MonthlyReport';

/**
 * The rule codes a refusal names (`RuleViolation.rule` in machines/rules.ts, the workflows' and the API's own):
 * the UI explains each in words.
 */
export type RuleName =
  | 'NO_SELF_APPROVAL'
  | 'ONLY_LEADERSHIP_DECIDES'
  | 'ROTATION_MANDATORY'
  | 'GROUND_NOT_ESTABLISHED'
  | 'ONLY_PROPOSER_WITHDRAWS'
  | 'ROTATION_NOT_YET_ELIGIBLE'
  | 'SUCCESSOR_IS_INCUMBENT'
  | 'NOT_OWN_ASSIGNMENT'
  | 'PROPOSER_ROLE'
  | 'PROPOSAL_ALREADY_PENDING'
  | 'NOTHING_PENDING'
  | 'FILER_NOT_ASSIGNED'
  | 'PLAN_NOT_ON_RECORD'
  | 'NOT_GROUP_LEADER'
  | 'NOT_THIS_AREA_COMMITTEE'
  | 'VERIFIER_NOT_INDEPENDENT'
  | 'VERIFIER_ROLE'
  | 'DECIDER_NOT_IN_CHARGE'
  | 'SELF_APPROVAL'
  | 'REQUESTER_NOT_ATTENDEE'
  | 'ADD_MEMBERS_GROUP_LEADER_ONLY'
  | 'ADDED_MEMBER_NOT_IN_GROUP'
  | 'DELEGATOR_NOT_GROUP_LEADER'
  | 'DELEGATE_NOT_GROUP_MEMBER'
  | 'INVITATION_NOT_TO_GROUP_LEADER'
  | 'NO_PART_IN_MEETING'
  | 'REPORTER_NOT_ATTENDEE'
  | 'REPORT_BEFORE_MEETING'
  | 'MEETING_MOVED_INTO_THE_PAST'
  | 'NOT_OF_THE_AREA'
  | 'AREA_CEASES'
  | 'AREA_NOT_YET_IN_FORCE'
  | 'INVITEE_NOT_OF_THE_GROUP'
  | 'AREA_NOT_MONITORED'
  | 'NOT_THE_GROUP_LEADER'
  | 'NOT_A_MEMBER'
  | 'POSITION_CHANGE_REPORTER'
  | 'COMPLAINT_ABOUT_ONESELF'
  | 'CONFLICT_OF_INTEREST'
  | 'CLOSURE_NAMES_NO_SUCCESSOR'
  | 'DECISION_NOT_YET_ISSUED'
  | 'UNKNOWN_SIGNER'
  | 'SIGNER_NOT_LEADERSHIP'
  | 'DECISION_BEFORE_PROPOSAL'
  | 'EFFECTIVE_BEFORE_DECISION'
  | 'DECISION_NUMBER_TAKEN'
  | 'ALREADY_ASSIGNED'
  | 'AREA_ALREADY_MONITORED'
  | 'OUTSIDE_DEPARTMENT'
  | 'PROGRAMME_NOT_DECIDED_BY_STANDING_COMMITTEE'
  | 'AREA_KIND_NOT_OF_PROGRAMME'
  | 'AREA_NOT_IN_FORCE'
  | 'MEMBER_NOT_A_LEADER'
  | 'LEADER_NOT_IN_FORCE'
  | 'COMMUNE_ALREADY_MONITORED'
  | 'LINK_NOT_IN_FORCE'
  | 'SAME_LEADER'
  | 'LINK_STARTS_LATER'
  | 'FROM_IN_PAST'
  | 'GROUND_COMMENT_REQUIRED'
  | 'GROUND_COMMENT_ONLY_FOR_REQUEST'
  | 'GROUND_COMMENT_OF_ANOTHER_LINK'
  | 'GROUND_COMMENT_ASKS_NO_CHANGE'
  | 'DECISION_REGISTER_OF_THE_BOARD'
  | 'DECISION_DATE_IN_FUTURE'
  | 'OWN_PROPOSAL';

// ───────────────────────── audit actions ─────────────────────────

/** Audit actions written as they are (the workflows' steps, and the API's own reads and records). */
export type ExactAction =
  | 'ASSIGNMENT_PROPOSED'
  | 'ASSIGNMENT_IMPORTED'
  | 'ASSIGNMENT_STARTED'
  | 'ASSIGNMENT_CLOSED'
  | 'ASSIGNMENT_CLOSED_AREA_REORGANIZED'
  | 'AREA_REORGANIZATION_NOTED'
  | 'YEARS_SERVED_CARRIED'
  | 'ROTATION_DECISION_CLOSED_AREA_REORGANIZED'
  | 'TERM_ANNIVERSARY'
  | 'GROUND_ESTABLISHED'
  | 'HANDOVER_STARTED'
  | 'SUCCESSOR_STARTED'
  | 'NO_SUCCESSOR_AVAILABLE'
  | 'REASSIGNMENT_APPROVED'
  | 'REASSIGNMENT_REJECTED'
  | 'EVALUATION_REQUESTED'
  | 'AREA_EVALUATION_RECEIVED'
  | 'RATING_PROPOSED'
  | 'EVALUATION_RATED'
  | 'ROTATION_DEADLINE_OPENED'
  | 'ROTATION_DEADLINE_MET'
  | 'ROTATION_DEADLINE_MISSED'
  | 'ROTATION_ESCALATED'
  | 'COMPLAINT_FILED'
  | 'COMPLAINT_VERIFICATION_STARTED'
  | 'COMPLAINT_VERIFIED_WELL_FOUNDED'
  | 'COMPLAINT_VERIFIED_UNFOUNDED'
  | 'COMPLAINT_ACTED_ON'
  | 'COMPLAINT_RECEIVED'
  | 'MEETING_INVITATION_RECORDED'
  | 'MEETING_DOCUMENT_ATTACHED'
  | 'MEETING_ATTENDANCE_REQUESTED'
  | 'MEETING_ATTENDANCE_APPROVED'
  | 'MEETING_ATTENDANCE_REJECTED'
  | 'MEETING_DELEGATED'
  | 'MEETING_MOVED'
  | 'MEETING_CANCELLED'
  | 'MEETING_CANCELLED_AREA_REORGANIZED'
  | 'MEETING_HELD'
  | 'MEETING_NOT_APPROVED_IN_TIME'
  | 'MEETING_REPORT_FILED_WITHOUT_APPROVAL'
  | 'MEETING_NOT_ATTENDED'
  | 'MEETING_APPROVAL_DEADLINE_CANCELLED'
  | 'GROUP_SESSION_RECORDED'
  | 'GROUP_QUARTER_WITHOUT_SESSION'
  | 'RESERVED_OPINION_RECORDED'
  | 'CONFIDENTIAL_READ'
  | 'AD_HOC_REPORT_FILED'
  | 'REPORT_ACKNOWLEDGED'
  | 'REPORT_ANSWERED'
  | 'DEPARTMENT_CREATED'
  | 'DEPARTMENT_RENAMED'
  | 'OFFICIAL_CREATED'
  | 'OFFICIAL_DETAILS_CHANGED'
  | 'OFFICIAL_POST_CHANGED'
  | 'OFFICIAL_LEFT'
  | 'GROUP_FORMED'
  | 'GROUP_MEMBERSHIP_ADDED'
  | 'GROUP_MEMBERSHIP_ENDED'
  | 'GROUP_LEADER_CHANGED'
  | 'PROGRAMME_VERSION_PUBLISHED'
  | 'LEADER_IN_CHARGE_SET'
  | 'AREA_CREATED'
  | 'REORGANIZATION_RECORDED'
  | 'AGENCY_CREATED'
  | 'AGENCY_MEMBER_ADDED'
  | 'COMMUNE_LINK_PROPOSED'
  | 'COMMUNE_LINK_APPROVED'
  | 'COMMUNE_LINK_REFUSED';

/** What happens to a proposal: `${kind}_${step}`, e.g. ROTATION_APPROVED. */
export type ProposalStep = 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
/** The deadlines the timeline tells the steps of (the rotation's are exact actions). */
export type DeadlineSubject =
  | 'MONTHLY_PLAN'
  | 'MONTHLY_REPORT'
  | 'AREA_EVALUATION'
  | 'COMPLAINT_VERIFICATION'
  | 'MEETING_APPROVAL'
  | 'MEETING_REPORT';
/** A deadline's steps: `${subject}_${step}`, e.g. MONTHLY_REPORT_FILED_LATE. */
export type DeadlineStep =
  | 'FILED'
  | 'FILED_LATE'
  | 'DEADLINE_OPENED'
  | 'REMINDER_SENT'
  | 'DEADLINE_MET'
  | 'DEADLINE_MISSED'
  | 'ESCALATED'
  | 'NOT_FILED'
  | 'CLOSED_AREA_REORGANIZED'
  | 'PASSED_TO_SUCCESSOR';

/** Every audit action the timeline labels. */
export type AuditAction = ExactAction | `${ProposalKind}_${ProposalStep}` | `${DeadlineSubject}_${DeadlineStep}`;

// ───────────────────────── one language's table ─────────────────────────

/** The label tables of enumerations the API returns as codes, by name. */
export interface EnumLabels {
  state: Record<AssignmentStateName, string>;
  /** The proposal as a noun inside a sentence ("Đề xuất luân chuyển"), lower case. */
  proposal: Record<ProposalKind, string>;
  rating: Record<Rating, string>;
  waitingFor: Record<WaitingFor, string>;
  evaluationState: Record<EvaluationStateName, string>;
  areaKind: Record<AreaKind, string>;
  closure: Record<ClosureReason, string>;
  role: Record<Role, string>;
  ground: Record<GroundKind, string>;
  escalationTarget: Record<EscalationTarget, string>;
  opinionSubject: Record<OpinionSubject, string>;
  /** A refused event's rule, as a sentence. */
  rule: Record<RuleName, string>;
}
export type EnumName = keyof EnumLabels;

/** The timeline's labels: exact actions, and the sentences a proposal's or a deadline's step makes. */
export interface TimelineLabels {
  actions: Record<ExactAction, string>;
  proposalSteps: Record<ProposalStep, (proposal: string) => string>;
  /** The deadline's subject as a noun inside a sentence, lower case. */
  subjects: Record<DeadlineSubject, string>;
  deadlineSteps: Record<DeadlineStep, (subject: string) => string>;
}

export interface Labels {
  messages: Record<MessageKey, string>;
  enums: EnumLabels;
  timeline: TimelineLabels;
}
