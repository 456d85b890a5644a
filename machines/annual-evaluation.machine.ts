import { assign, setup } from 'xstate';
import { type Actor, isBoardLeadership } from './actor';
import { firstViolation, type Rule } from './rules';

export const RATINGS = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'] as const;
export type Rating = (typeof RATINGS)[number];

export interface AreaEvaluation {
  responsibility: string;
  method: string;
  coordination: string;
  contributions: string;
  shortcomings: string;
  /** Đ9.5: the area's words on the group's leader ("and especially its leader"); absent for an official alone. */
  groupLeaderAssessment?: string | undefined;
  /** Seed 001: the area committee may propose, in its year-end comment, that the official be replaced. */
  proposesReplacement: boolean;
}

export interface AnnualEvaluationContext {
  assignmentId: string;
  areaId: string;
  year: number;
  /** Who proposes the rating: the group leader, or the official when not in a group (Đ7.B.4, Đ5.6). */
  groupLeaderId: string;
  areaEvaluation?: AreaEvaluation | undefined;
  proposal?: { rating: Rating; notes: string; proposedBy: string } | undefined;
  rating?: { rating: Rating; ratedBy: string } | undefined;
}

export type AnnualEvaluationInput = Pick<AnnualEvaluationContext, 'assignmentId' | 'areaId' | 'year' | 'groupLeaderId'>;

export type AnnualEvaluationEvent =
  | { type: 'SUBMIT_AREA_EVALUATION'; actor: Actor; evaluation: AreaEvaluation }
  | { type: 'PROPOSE_RATING'; actor: Actor; rating: Rating; notes: string }
  | { type: 'RATE'; actor: Actor; rating: Rating }
  | { type: 'DEADLINE_MISSED' }
  | { type: 'ESCALATED'; level: number }
  /**
   * The area ceased in a reorganisation before sending its evaluation: the request passes to the one successor's
   * committee, or, with none or several, closes with AREA_REORGANIZED.
   */
  | { type: 'AREA_REORGANIZED'; reorganizationId: string; successorAreaId?: string | undefined };

type Ctx = AnnualEvaluationContext;
type Ev<T extends AnnualEvaluationEvent['type']> = Extract<AnnualEvaluationEvent, { type: T }>;

const committeeOfThisArea: Rule<Ctx, Ev<'SUBMIT_AREA_EVALUATION'>> = (c, e) =>
  e.actor.roles.includes('AREA_COMMITTEE') && e.actor.areaId === c.areaId
    ? null
    : { rule: 'NOT_THIS_AREA_COMMITTEE', message: "Only this area's standing committee sends its evaluation" };

const groupLeaderProposes: Rule<Ctx, Ev<'PROPOSE_RATING'>> = (c, e) =>
  e.actor.id === c.groupLeaderId
    ? null
    : { rule: 'NOT_GROUP_LEADER', message: 'The group leader proposes the review points and the rating' };

const onlyLeadershipRates: Rule<Ctx, Ev<'RATE'>> = (_c, e) =>
  isBoardLeadership(e.actor) ? null : { rule: 'ONLY_LEADERSHIP_DECIDES', message: 'Only Board leadership rates' };

const noSelfRating: Rule<Ctx, Ev<'RATE'>> = (c, e) =>
  e.actor.id === c.proposal?.proposedBy || e.actor.id === c.groupLeaderId
    ? { rule: 'NO_SELF_APPROVAL', message: 'Nobody may rate their own group or decide their own proposal' }
    : null;

export const annualEvaluationRules = {
  SUBMIT_AREA_EVALUATION: [committeeOfThisArea],
  PROPOSE_RATING: [groupLeaderProposes],
  RATE: [onlyLeadershipRates, noSelfRating],
};

export function annualEvaluationViolation(context: Ctx, event: AnnualEvaluationEvent) {
  switch (event.type) {
    case 'SUBMIT_AREA_EVALUATION':
      return firstViolation(annualEvaluationRules.SUBMIT_AREA_EVALUATION, context, event);
    case 'PROPOSE_RATING':
      return firstViolation(annualEvaluationRules.PROPOSE_RATING, context, event);
    case 'RATE':
      return firstViolation(annualEvaluationRules.RATE, context, event);
    default:
      return null;
  }
}

const submitEvaluation = {
  guard: 'allowed',
  target: '#annualEvaluation.areaEvaluationReceived',
  actions: 'storeAreaEvaluation',
} as const;

/** The yearly evaluation of a group by its area (Đ9.5), the group leader's proposal and leadership's rating (Đ12). */
export const annualEvaluationMachine = setup({
  types: {
    context: {} as AnnualEvaluationContext,
    events: {} as AnnualEvaluationEvent,
    input: {} as AnnualEvaluationInput,
  },
  guards: {
    allowed: ({ context, event }) => annualEvaluationViolation(context, event) === null,
    toOneSuccessor: ({ event }) => event.type === 'AREA_REORGANIZED' && !!event.successorAreaId,
  },
  actions: {
    storeAreaEvaluation: assign({
      areaEvaluation: ({ context, event }) =>
        event.type === 'SUBMIT_AREA_EVALUATION' ? event.evaluation : context.areaEvaluation,
    }),
    passToSuccessor: assign({
      areaId: ({ context, event }) =>
        event.type === 'AREA_REORGANIZED' && event.successorAreaId ? event.successorAreaId : context.areaId,
    }),
    storeProposal: assign({
      proposal: ({ context, event }) =>
        event.type === 'PROPOSE_RATING'
          ? { rating: event.rating, notes: event.notes, proposedBy: event.actor.id }
          : context.proposal,
    }),
    storeRating: assign({
      rating: ({ context, event }) =>
        event.type === 'RATE' ? { rating: event.rating, ratedBy: event.actor.id } : context.rating,
    }),
  },
}).createMachine({
  id: 'annualEvaluation',
  context: ({ input }) => input,
  initial: 'requested',
  states: {
    requested: {
      initial: 'awaiting',
      on: {
        AREA_REORGANIZED: [
          { guard: 'toOneSuccessor', actions: 'passToSuccessor' },
          { target: 'closedAreaReorganized' },
        ],
      },
      states: {
        awaiting: { on: { SUBMIT_AREA_EVALUATION: submitEvaluation, DEADLINE_MISSED: 'overdue' } },
        overdue: { on: { SUBMIT_AREA_EVALUATION: submitEvaluation, ESCALATED: 'escalated' } },
        escalated: { on: { SUBMIT_AREA_EVALUATION: submitEvaluation, ESCALATED: {} } },
      },
    },
    areaEvaluationReceived: {
      on: { PROPOSE_RATING: { guard: 'allowed', target: 'ratingProposed', actions: 'storeProposal' } },
    },
    ratingProposed: {
      on: { RATE: { guard: 'allowed', target: 'rated', actions: 'storeRating' } },
    },
    rated: { type: 'final' },
    closedAreaReorganized: { type: 'final' },
  },
});
