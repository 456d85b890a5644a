import { and, assign, setup } from 'xstate';
import type { Actor } from './actor';
import type { DecisionWindow } from './decision-dates';
import { assignmentViolation, sameGround } from './assignment-rules';

export { assignmentRules, assignmentViolation } from './assignment-rules';

export type ClosureReason =
  | 'ROTATED'
  | 'REASSIGNED_EARLY'
  | 'REASSIGNED_BY_BOARD'
  | 'POSITION_CHANGED'
  | 'RETIRED'
  | 'REVOKED'
  | 'REJECTED'
  /** The area ceased in a reorganisation: no reassignment, no ground against the official, nothing charged. */
  | 'AREA_REORGANIZED';

/** Facts that, once established, allow an early reassignment (Đ4.2; seed 000, seed 001). */
export type Ground =
  | { kind: 'VERIFIED_COMPLAINT'; complaintId: string }
  | { kind: 'NOT_COMPLETED_RATING'; year: number }
  | { kind: 'POSITION_CHANGED'; note: string }
  | { kind: 'AREA_PROPOSED_REPLACEMENT'; year: number };

export interface WrittenDecision {
  number: string;
  issuedOn: string;
  signerId: string;
  summary?: string | undefined;
}

export type ProposalRequest =
  | { kind: 'ROTATION'; successorOfficialId: string; reason: string }
  | { kind: 'EARLY_REASSIGNMENT'; ground: Ground; successorOfficialId: string; reason: string }
  /** Reassignment at the Board's request (Đ4.2 "theo yêu cầu nhiệm vụ của Cơ quan"): at any time, on a written reason. */
  | { kind: 'BOARD_REASSIGNMENT'; successorOfficialId: string; reason: string }
  | {
      kind: 'CLOSURE';
      closureReason: 'RETIRED' | 'REVOKED' | 'POSITION_CHANGED';
      /**
       * Closures recorded before the rule could name a successor, and replay as they ran; a new one names
       * none (the update's schema and the approve validator refuse it): a reassignment is a BOARD_REASSIGNMENT.
       */
      successorOfficialId?: string | undefined;
      reason: string;
    };

export type Proposal = ProposalRequest & { id: string; proposedBy: string };

export interface Handover {
  proposal: Proposal;
  successorOfficialId: string | undefined;
  approvedBy: string;
  decision: WrittenDecision;
}

export interface AssignmentContext {
  assignmentId: string;
  officialId: string;
  /** Who proposed the appointment itself. */
  proposedBy: string;
  approvedBy?: string | undefined;
  decision?: WrittenDecision | undefined;
  eligibleAfterYears: number;
  mandatoryAfterYears: number;
  yearsServed: number;
  grounds: Ground[];
  pending?: Proposal | undefined;
  proposalCount: number;
  handover?: Handover | undefined;
  closureReason?: ClosureReason | undefined;
  successorAssignmentId?: string | undefined;
  /** True when the assignment closed with nobody named for the area: the record says so. */
  areaLeftUnmonitored: boolean;
}

/** From which year of service a rotation may be considered, and from which it is mandatory (Đ4.2). */
export type RotationTerms = Pick<AssignmentContext, 'eligibleAfterYears' | 'mandatoryAfterYears'>;

export type AssignmentInput = Pick<
  AssignmentContext,
  'assignmentId' | 'officialId' | 'proposedBy' | 'eligibleAfterYears' | 'mandatoryAfterYears'
>;

export type AssignmentEvent =
  | {
      type: 'APPROVE';
      actor: Actor;
      decision: WrittenDecision;
      comment?: string | undefined;
      successorOfficialId?: string | undefined;
      /** The workflow's day in Vietnam when a person decides: a decision cannot be dated after it. */
      today?: string | undefined;
      /** When the successor takes over, if the approval says. */
      successorEffectiveFrom?: string | undefined;
      /**
       * Set by the approve validator only (as `today`): the appointment's effective date and the policy's window, so
       * an appointment does not take effect before the window its decision allows. Handlers leave it out, so histories
       * accepted before the rule replay as they ran.
       */
      effectiveWindow?: { appointmentEffectiveFrom: string; window: DecisionWindow } | undefined;
    }
  | { type: 'REJECT'; actor: Actor; comment: string }
  | { type: 'WITHDRAW'; actor: Actor }
  | { type: 'EFFECTIVE_DATE_REACHED' }
  | {
      type: 'TERM_ANNIVERSARY';
      yearsServed: number;
      /**
       * The rotation terms of the version in force on the anniversary, when the workflow read them; kept from then on.
       * Without them (runs recorded before), the terms the assignment started with.
       */
      terms?: RotationTerms | undefined;
    }
  | { type: 'PROPOSE'; actor: Actor; proposal: ProposalRequest }
  /** Without an actor: established by the system, from another workflow's fact (a verified complaint, a rating). */
  | { type: 'GROUND_ESTABLISHED'; ground: Ground; actor?: Actor | undefined }
  | { type: 'SUCCESSOR_STARTED'; successorAssignmentId: string }
  /** From the workflow, on the effective day of a reorganisation in which the area ceases. */
  | { type: 'AREA_REORGANIZED'; reorganizationId: string };

type Ev<T extends AssignmentEvent['type']> = Extract<AssignmentEvent, { type: T }>;

function closureReasonOf(proposal: Proposal): ClosureReason {
  switch (proposal.kind) {
    case 'ROTATION':
      return 'ROTATED';
    case 'EARLY_REASSIGNMENT':
      return proposal.ground.kind === 'POSITION_CHANGED' ? 'POSITION_CHANGED' : 'REASSIGNED_EARLY';
    case 'BOARD_REASSIGNMENT':
      return 'REASSIGNED_BY_BOARD';
    case 'CLOSURE':
      return proposal.closureReason;
  }
}

function successorNamed(proposal: Proposal, override: string | undefined): string | undefined {
  return override ?? proposal.successorOfficialId;
}

// ── machine ─────────────────────────────────────────────────────────────────

/**
 * The assignment of an official to an area, from proposal to closing.
 * Pure: time arrives as events (EFFECTIVE_DATE_REACHED, TERM_ANNIVERSARY) sent by the workflow.
 */
export const assignmentMachine = setup({
  types: {
    context: {} as AssignmentContext,
    events: {} as AssignmentEvent,
    input: {} as AssignmentInput,
  },
  guards: {
    appointmentDecisionAllowed: ({ context, event }) => assignmentViolation(context, event, 'appointment') === null,
    proposalDecisionAllowed: ({ context, event }) => assignmentViolation(context, event, 'proposal') === null,
    proposalAllowed: ({ context, event }) => assignmentViolation(context, event, 'proposal') === null,
    groundReportAllowed: ({ context, event }) => assignmentViolation(context, event, 'proposal') === null,
    termReachedEligibility: ({ context, event }) =>
      event.type === 'TERM_ANNIVERSARY' && event.yearsServed >= (event.terms ?? context).eligibleAfterYears,
    termReachedMandatoryRotation: ({ context, event }) =>
      event.type === 'TERM_ANNIVERSARY' && event.yearsServed >= (event.terms ?? context).mandatoryAfterYears,
    approvalClosesWithoutSuccessor: ({ context, event }) =>
      event.type === 'APPROVE' && !!context.pending && !successorNamed(context.pending, event.successorOfficialId),
  },
  actions: {
    recordAppointmentApproval: assign(({ event }) => {
      const approve = event as Ev<'APPROVE'>;
      return { approvedBy: approve.actor.id, decision: approve.decision };
    }),
    recordYearsServed: assign(({ event }) =>
      event.type === 'TERM_ANNIVERSARY' ? { yearsServed: event.yearsServed, ...event.terms } : {},
    ),
    recordRejection: assign({ closureReason: 'REJECTED' as ClosureReason }),
    recordRevocation: assign({ closureReason: 'REVOKED' as ClosureReason }),
    openProposal: assign(({ context, event }) => {
      const { actor, proposal } = event as Ev<'PROPOSE'>;
      const count = context.proposalCount + 1;
      return {
        pending: { ...proposal, id: `${context.assignmentId}-p${count}`, proposedBy: actor.id },
        proposalCount: count,
      };
    }),
    dropProposal: assign({ pending: undefined }),
    recordGround: assign({
      grounds: ({ context, event }) => {
        const ground = (event as Ev<'GROUND_ESTABLISHED'>).ground;
        return context.grounds.some((known) => sameGround(known, ground))
          ? context.grounds
          : [...context.grounds, ground];
      },
    }),
    startHandover: assign(({ context, event }) => {
      const approve = event as Ev<'APPROVE'>;
      const proposal = context.pending!;
      return {
        pending: undefined,
        handover: {
          proposal,
          successorOfficialId: successorNamed(proposal, approve.successorOfficialId),
          approvedBy: approve.actor.id,
          decision: approve.decision,
        },
      };
    }),
    closeWithoutSuccessor: assign(({ context }) => ({
      closureReason: context.handover ? closureReasonOf(context.handover.proposal) : context.closureReason,
      areaLeftUnmonitored: true,
    })),
    /** The area is gone: the assignment ends with it, whatever was pending; no one is named and no ground raised. */
    closeForReorganization: assign({
      closureReason: 'AREA_REORGANIZED' as ClosureReason,
      pending: undefined,
      handover: undefined,
    }),
    closeAfterHandover: assign(({ context, event }) => ({
      closureReason: closureReasonOf(context.handover!.proposal),
      successorAssignmentId: (event as Ev<'SUCCESSOR_STARTED'>).successorAssignmentId,
    })),
  },
}).createMachine({
  id: 'assignment',
  context: ({ input }) => ({
    ...input,
    yearsServed: 0,
    grounds: [],
    proposalCount: 0,
    areaLeftUnmonitored: false,
  }),
  initial: 'awaitingApproval',
  states: {
    awaitingApproval: {
      on: {
        APPROVE: { guard: 'appointmentDecisionAllowed', target: 'scheduled', actions: 'recordAppointmentApproval' },
        REJECT: { guard: 'appointmentDecisionAllowed', target: 'closed', actions: 'recordRejection' },
        WITHDRAW: { guard: 'appointmentDecisionAllowed', target: 'closed', actions: 'recordRevocation' },
      },
    },
    scheduled: {
      on: {
        EFFECTIVE_DATE_REACHED: 'active',
        AREA_REORGANIZED: { target: 'closed', actions: 'closeForReorganization' },
      },
    },
    active: {
      initial: 'serving',
      on: {
        PROPOSE: { guard: 'proposalAllowed', actions: 'openProposal' },
        APPROVE: [
          {
            guard: and(['proposalDecisionAllowed', 'approvalClosesWithoutSuccessor']),
            target: 'closed',
            actions: ['startHandover', 'closeWithoutSuccessor'],
          },
          { guard: 'proposalDecisionAllowed', target: 'handingOver', actions: 'startHandover' },
        ],
        REJECT: { guard: 'proposalDecisionAllowed', actions: 'dropProposal' },
        WITHDRAW: { guard: 'proposalDecisionAllowed', actions: 'dropProposal' },
        GROUND_ESTABLISHED: { guard: 'groundReportAllowed', actions: 'recordGround' },
        AREA_REORGANIZED: { target: 'closed', actions: 'closeForReorganization' },
      },
      states: {
        serving: {
          on: {
            TERM_ANNIVERSARY: [
              { guard: 'termReachedMandatoryRotation', target: 'rotationDue', actions: 'recordYearsServed' },
              { guard: 'termReachedEligibility', target: 'rotationEligible', actions: 'recordYearsServed' },
              { actions: 'recordYearsServed' },
            ],
          },
        },
        rotationEligible: {
          on: {
            TERM_ANNIVERSARY: [
              { guard: 'termReachedMandatoryRotation', target: 'rotationDue', actions: 'recordYearsServed' },
              { actions: 'recordYearsServed' },
            ],
          },
        },
        rotationDue: {
          on: { TERM_ANNIVERSARY: { actions: 'recordYearsServed' } },
        },
      },
    },
    handingOver: {
      on: {
        SUCCESSOR_STARTED: { target: 'closed', actions: 'closeAfterHandover' },
        AREA_REORGANIZED: { target: 'closed', actions: 'closeForReorganization' },
      },
    },
    closed: { type: 'final' },
  },
});

export type AssignmentMachine = typeof assignmentMachine;
