/**
 * The dates a written decision must respect besides "not after today" (assignment-rules.ts): it decides a proposal
 * that already exists, and the appointment it makes takes effect no earlier than the policy's window before it.
 * Years of the past come in by import, not by backdating. Pure: the API checks the first before
 * the approval is sent, the approve validator the second (assignment-rules.ts), so nothing refused enters history.
 */
import type { IsoDay } from './calendar';
import type { Policy } from './policy';

/** The policy's window (machines/policy.ts, since 2026.2). */
export type DecisionWindow = Policy['decision'];
import type { RuleViolation } from './rules';

/** The earliest day an appointment made by a decision of `issuedOn` may take effect, by the policy's window. */
export function earliestEffectiveFrom(window: DecisionWindow, issuedOn: IsoDay): IsoDay {
  switch (window.effectiveFromEarliest) {
    case 'FIRST_OF_DECISION_MONTH':
      return `${issuedOn.slice(0, 7)}-01`;
    case 'DECISION_DAY':
      return issuedOn;
  }
}

/** A decision answers a proposal (Đ2.3): it cannot be dated before the day the proposal was made. */
export function decisionBeforeProposal(issuedOn: IsoDay, proposedOn: IsoDay): RuleViolation | null {
  return issuedOn < proposedOn
    ? {
        rule: 'DECISION_BEFORE_PROPOSAL',
        message: `The decision is dated ${issuedOn}, before the proposal it decides (${proposedOn})`,
      }
    : null;
}

/** An appointment takes effect no earlier than the policy's window before its decision. */
export function effectiveBeforeDecision(
  window: DecisionWindow,
  issuedOn: IsoDay,
  effectiveFrom: IsoDay,
): RuleViolation | null {
  const earliest = earliestEffectiveFrom(window, issuedOn);
  return effectiveFrom < earliest
    ? {
        rule: 'EFFECTIVE_BEFORE_DECISION',
        message:
          `The appointment would take effect on ${effectiveFrom}, before ${earliest}, the earliest a decision of ` +
          `${issuedOn} allows (${window.effectiveFromEarliest}); earlier years come in by import`,
      }
    : null;
}
