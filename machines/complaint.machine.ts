import { and, assign, setup } from 'xstate';
import { type Actor, isBoardLeadership } from './actor';
import { firstViolation, type Rule } from './rules';

export type ComplaintOutcome = 'WELL_FOUNDED' | 'UNFOUNDED';

export interface ComplaintContext {
  complaintId: string;
  assignmentId: string;
  /** The official the complaint is about. */
  officialId: string;
  filedBy: string;
  verifierId?: string | undefined;
  outcome?: ComplaintOutcome | undefined;
  findings?: string | undefined;
  /** What leadership decided on the reassignment the verified complaint allowed. */
  action?: 'REASSIGNMENT_APPROVED' | 'REASSIGNMENT_REJECTED' | undefined;
}

export type ComplaintInput = Pick<ComplaintContext, 'complaintId' | 'assignmentId' | 'officialId' | 'filedBy'>;

export type ComplaintEvent =
  | { type: 'START_VERIFICATION'; actor: Actor }
  | { type: 'RECORD_VERIFICATION'; actor: Actor; outcome: ComplaintOutcome; findings: string }
  | { type: 'DEADLINE_MISSED' }
  | { type: 'ESCALATED'; level: number }
  | { type: 'ACTED_ON'; action: 'REASSIGNMENT_APPROVED' | 'REASSIGNMENT_REJECTED' };

type Ctx = ComplaintContext;
type Ev<T extends ComplaintEvent['type']> = Extract<ComplaintEvent, { type: T }>;

/** Đ13.3: the internal political security department checks compliance; leadership may verify too. */
const verifierHasStanding: Rule<Ctx, { actor: Actor }> = (_c, e) =>
  e.actor.roles.includes('AUDITOR') || isBoardLeadership(e.actor)
    ? null
    : {
        rule: 'VERIFIER_ROLE',
        message: 'Complaints are verified by the internal political security department or Board leadership',
      };

const verifierIsIndependent: Rule<Ctx, { actor: Actor }> = (c, e) =>
  e.actor.id === c.officialId || e.actor.id === c.filedBy
    ? {
        rule: 'VERIFIER_NOT_INDEPENDENT',
        message: 'Neither the official concerned nor the complainant may verify the complaint',
      }
    : null;

export const complaintRules = {
  START_VERIFICATION: [verifierHasStanding, verifierIsIndependent],
  RECORD_VERIFICATION: [verifierHasStanding, verifierIsIndependent],
};

export function complaintViolation(context: Ctx, event: ComplaintEvent) {
  if (event.type !== 'START_VERIFICATION' && event.type !== 'RECORD_VERIFICATION') return null;
  return firstViolation(complaintRules[event.type], context, event);
}

/**
 * A complaint about a monitoring official: filed, verified within a deadline, and, only when verified
 * as well-founded (xác minh có cơ sở), able to ground an early reassignment that leadership decides.
 */
export const complaintMachine = setup({
  types: { context: {} as ComplaintContext, events: {} as ComplaintEvent, input: {} as ComplaintInput },
  guards: {
    allowed: ({ context, event }) => complaintViolation(context, event) === null,
    wellFounded: ({ event }) => event.type === 'RECORD_VERIFICATION' && event.outcome === 'WELL_FOUNDED',
  },
  actions: {
    storeVerifier: assign({ verifierId: ({ event }) => (event as Ev<'START_VERIFICATION'>).actor.id }),
    storeOutcome: assign(({ event }) => {
      const verification = event as Ev<'RECORD_VERIFICATION'>;
      return { outcome: verification.outcome, findings: verification.findings, verifierId: verification.actor.id };
    }),
    storeAction: assign({ action: ({ event }) => (event as Ev<'ACTED_ON'>).action }),
  },
}).createMachine({
  id: 'complaint',
  context: ({ input }) => input,
  initial: 'filed',
  states: {
    filed: {
      on: { START_VERIFICATION: { guard: 'allowed', target: 'underVerification', actions: 'storeVerifier' } },
    },
    underVerification: {
      initial: 'inTime',
      on: {
        RECORD_VERIFICATION: [
          { guard: and(['allowed', 'wellFounded']), target: '#complaint.verifiedWellFounded', actions: 'storeOutcome' },
          { guard: 'allowed', target: '#complaint.verifiedUnfounded', actions: 'storeOutcome' },
        ],
      },
      states: {
        inTime: { on: { DEADLINE_MISSED: 'overdue' } },
        overdue: { on: { ESCALATED: 'escalated' } },
        escalated: { on: { ESCALATED: {} } },
      },
    },
    verifiedWellFounded: {
      on: { ACTED_ON: { target: 'actedOn', actions: 'storeAction' } },
    },
    verifiedUnfounded: { type: 'final' },
    actedOn: { type: 'final' },
  },
});
