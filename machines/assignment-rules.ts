/**
 * The rules an assignment's events must respect (Đ2.3, Đ4.1, Đ4.2): the machine's guards evaluate them, and a refusal
 * names the first one broken. Pure functions of the machine's context and the event.
 */
import { type Actor, isBoardLeadership, isSystem } from './actor';
import type { AssignmentContext, AssignmentEvent, Ground } from './assignment.machine';
import { hasAnyRole, POSITION_CHANGE_REPORTERS } from './roles';
import { effectiveBeforeDecision } from './decision-dates';
import { firstViolation, type Rule } from './rules';

type Ctx = AssignmentContext;
type Ev<T extends AssignmentEvent['type']> = Extract<AssignmentEvent, { type: T }>;

// ── rules ───────────────────────────────────────────────────────────────────

const onlyLeadershipDecides: Rule<Ctx, { actor: Actor }> = (_c, e) =>
  isBoardLeadership(e.actor)
    ? null
    : { rule: 'ONLY_LEADERSHIP_DECIDES', message: 'Only Board leadership may approve or reject' };

const proposerOf = (c: Ctx): string => c.pending?.proposedBy ?? c.proposedBy;

const noSelfApproval: Rule<Ctx, { actor: Actor }> = (c, e) =>
  e.actor.id === proposerOf(c) ? { rule: 'NO_SELF_APPROVAL', message: 'Nobody may decide their own proposal' } : null;

/** Nobody decides about themself (Đ4.1): neither the official of the assignment nor the successor it would name. */
const noConflictOfInterest: Rule<Ctx, Ev<'APPROVE'> | Ev<'REJECT'>> = (c, e) => {
  if (e.actor.id === c.officialId) {
    return {
      rule: 'CONFLICT_OF_INTEREST',
      message: 'Nobody decides a proposal about themself: you are the official of this assignment',
    };
  }
  const successor = (e.type === 'APPROVE' ? e.successorOfficialId : undefined) ?? c.pending?.successorOfficialId;
  return successor !== undefined && e.actor.id === successor
    ? {
        rule: 'CONFLICT_OF_INTEREST',
        message: 'Nobody decides a proposal about themself: you are the successor it names',
      }
    : null;
};

/** A written decision exists from the day it is issued (Đ2.3): it cannot be dated after today. */
const decisionAlreadyIssued: Rule<Ctx, Ev<'APPROVE'>> = (_c, e) =>
  e.today !== undefined && e.decision.issuedOn > e.today
    ? {
        rule: 'DECISION_NOT_YET_ISSUED',
        message: `The decision is dated ${e.decision.issuedOn}, after today (${e.today})`,
      }
    : null;

/**
 * An appointment takes effect no earlier than the policy's window before its decision (Đ2.3): the
 * assignment's own while its appointment awaits the decision, and a successor's when the approval dates it.
 */
const effectiveWithinDecisionWindow: Rule<Ctx, Ev<'APPROVE'>> = (c, e) => {
  if (!e.effectiveWindow) return null;
  const { appointmentEffectiveFrom, window } = e.effectiveWindow;
  const appointing = c.approvedBy === undefined ? appointmentEffectiveFrom : undefined;
  for (const effectiveFrom of [appointing, e.successorEffectiveFrom]) {
    const violation = effectiveFrom && effectiveBeforeDecision(window, e.decision.issuedOn, effectiveFrom);
    if (violation) return violation;
  }
  return null;
};

const proposalPending: Rule<Ctx, unknown> = (c) =>
  c.pending ? null : { rule: 'NOTHING_PENDING', message: 'There is no pending proposal to decide' };

const noProposalPending: Rule<Ctx, unknown> = (c) =>
  c.pending ? { rule: 'PROPOSAL_ALREADY_PENDING', message: `Proposal ${c.pending.id} is still pending` } : null;

const mandatoryRotationCannotBeRejected: Rule<Ctx, unknown> = (c) =>
  c.pending?.kind === 'ROTATION' && c.yearsServed >= c.mandatoryAfterYears
    ? {
        rule: 'ROTATION_MANDATORY',
        message: `After ${c.mandatoryAfterYears} years the rotation must happen; approve it, naming another successor if needed`,
      }
    : null;

const onlyTheProposerWithdraws: Rule<Ctx, Ev<'WITHDRAW'>> = (c, e) =>
  e.actor.id === proposerOf(c)
    ? null
    : { rule: 'ONLY_PROPOSER_WITHDRAWS', message: 'Only the proposer may withdraw a proposal' };

const officialDoesNotProposeOwnMove: Rule<Ctx, Ev<'PROPOSE'>> = (c, e) =>
  e.actor.id === c.officialId
    ? { rule: 'NOT_OWN_ASSIGNMENT', message: 'The monitoring official cannot propose moves of their own assignment' }
    : null;

const proposerHasStanding: Rule<Ctx, Ev<'PROPOSE'>> = (_c, e) =>
  isSystem(e.actor) || isBoardLeadership(e.actor) || e.actor.roles.includes('DEPARTMENT_HEAD')
    ? null
    : { rule: 'PROPOSER_ROLE', message: 'Proposals come from Board leadership, a department head, or the system' };

const termReachedEligibility: Rule<Ctx, Ev<'PROPOSE'>> = (c, e) =>
  e.proposal.kind !== 'ROTATION' || c.yearsServed >= c.eligibleAfterYears
    ? null
    : {
        rule: 'ROTATION_NOT_YET_ELIGIBLE',
        message: `Rotation becomes possible after ${c.eligibleAfterYears} years; ${c.yearsServed} served`,
      };

export const sameGround = (a: Ground, b: Ground): boolean => {
  switch (a.kind) {
    case 'VERIFIED_COMPLAINT':
      return b.kind === a.kind && b.complaintId === a.complaintId;
    case 'NOT_COMPLETED_RATING':
    case 'AREA_PROPOSED_REPLACEMENT':
      return b.kind === a.kind && b.year === a.year;
    case 'POSITION_CHANGED':
      return b.kind === a.kind;
  }
};

const earlyReassignmentHasGround: Rule<Ctx, Ev<'PROPOSE'>> = (c, e) => {
  const proposal = e.proposal;
  const ground: Ground | undefined =
    proposal.kind === 'EARLY_REASSIGNMENT'
      ? proposal.ground
      : proposal.kind === 'CLOSURE' && proposal.closureReason === 'POSITION_CHANGED'
        ? { kind: 'POSITION_CHANGED', note: '' }
        : undefined;
  if (!ground || c.grounds.some((known) => sameGround(known, ground))) return null;
  return {
    rule: 'GROUND_NOT_ESTABLISHED',
    message:
      ground.kind === 'VERIFIED_COMPLAINT'
        ? `Complaint ${ground.complaintId} has not been verified as well-founded`
        : `The ground ${ground.kind} has not been established for this assignment`,
  };
};

/**
 * A closure ends the assignment and names no successor: a reassignment at the Board's request is a
 * BOARD_REASSIGNMENT, with its written reason. Only the approve validator dates its event (`today`), so the rule refuses
 * an approval before it is accepted, while closures approved with a successor before the rule replay as they ran.
 */
const closureNamesNoSuccessor: Rule<Ctx, Ev<'APPROVE'>> = (c, e) =>
  e.today !== undefined && c.pending?.kind === 'CLOSURE' && (e.successorOfficialId ?? c.pending.successorOfficialId)
    ? {
        rule: 'CLOSURE_NAMES_NO_SUCCESSOR',
        message:
          "A closure names no successor; to reassign the area at the Board's request, propose a BOARD_REASSIGNMENT with its written reason",
      }
    : null;

const successorIsSomeoneElse: Rule<Ctx, Ev<'APPROVE'> | Ev<'PROPOSE'>> = (c, e) => {
  const successor = e.type === 'APPROVE' ? e.successorOfficialId : e.proposal.successorOfficialId;
  return successor === c.officialId
    ? { rule: 'SUCCESSOR_IS_INCUMBENT', message: 'The successor must be another official' }
    : null;
};

const positionChangeReporter: Rule<Ctx, Ev<'GROUND_ESTABLISHED'>> = (_c, e) =>
  !e.actor || hasAnyRole(e.actor, POSITION_CHANGE_REPORTERS)
    ? null
    : {
        rule: 'POSITION_CHANGE_REPORTER',
        message: 'A position change is reported by Board leadership, a department head or an administrator',
      };

/** Every rule an event must respect, by event type: guards evaluate these and refusals name the first broken one. */
export const assignmentRules = {
  APPROVE: [
    onlyLeadershipDecides,
    noSelfApproval,
    noConflictOfInterest,
    decisionAlreadyIssued,
    effectiveWithinDecisionWindow,
    closureNamesNoSuccessor,
    successorIsSomeoneElse,
  ] as Rule<Ctx, Ev<'APPROVE'>>[],
  REJECT: [onlyLeadershipDecides, noSelfApproval, noConflictOfInterest, mandatoryRotationCannotBeRejected] as Rule<
    Ctx,
    Ev<'REJECT'>
  >[],
  WITHDRAW: [onlyTheProposerWithdraws] as Rule<Ctx, Ev<'WITHDRAW'>>[],
  PROPOSE: [
    proposerHasStanding,
    officialDoesNotProposeOwnMove,
    noProposalPending,
    termReachedEligibility,
    earlyReassignmentHasGround,
    successorIsSomeoneElse,
  ] as Rule<Ctx, Ev<'PROPOSE'>>[],
  GROUND_ESTABLISHED: [positionChangeReporter] as Rule<Ctx, Ev<'GROUND_ESTABLISHED'>>[],
};

type RuledEvent = Ev<'APPROVE' | 'REJECT' | 'WITHDRAW' | 'PROPOSE' | 'GROUND_ESTABLISHED'>;
const DECISIONS: ReadonlySet<AssignmentEvent['type']> = new Set(['APPROVE', 'REJECT', 'WITHDRAW']);

function isRuled(event: AssignmentEvent): event is RuledEvent {
  return event.type in assignmentRules;
}

/**
 * The first rule the event breaks in this context, or null. While the appointment itself awaits
 * approval, APPROVE/REJECT/WITHDRAW act on it; afterwards they act on the pending proposal.
 * A ground a person reports (a position change) carries the actor, who must be one of those who report it.
 */
export function assignmentViolation(context: Ctx, event: AssignmentEvent, deciding: 'appointment' | 'proposal') {
  if (!isRuled(event)) return null;
  const rules = assignmentRules[event.type] as Rule<Ctx, RuledEvent>[];
  const needsPending = deciding === 'proposal' && DECISIONS.has(event.type) ? [proposalPending] : [];
  return firstViolation([...needsPending, ...rules], context, event);
}
