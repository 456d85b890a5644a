import { ApplicationFailure } from '@temporalio/workflow';
import type { AnyMachineSnapshot } from 'xstate';
import {
  acceptedEventTypes,
  INVALID_INPUT,
  RULE_VIOLATED,
  TRANSITION_REFUSED,
  offeredEventTypes,
  type RuleViolation,
  stateName,
} from '../machines/rules';

export { INVALID_INPUT, RULE_VIOLATED, TRANSITION_REFUSED } from '../machines/rules';

export interface RefusalDetails {
  state: string;
  allowedEvents: string[];
  violation?: RuleViolation | undefined;
}

export function refuse(event: string, details: RefusalDetails): never {
  if (details.violation) {
    throw ApplicationFailure.create({
      type: RULE_VIOLATED,
      message: `${event} refused: ${details.violation.message}`,
      details: [details],
      nonRetryable: true,
    });
  }
  throw ApplicationFailure.create({
    type: TRANSITION_REFUSED,
    message: `${event} is not allowed in state ${details.state}; allowed now: ${details.allowedEvents.join(', ') || 'none'}`,
    details: [details],
    nonRetryable: true,
  });
}

/** Parses an update's argument with its zod schema inside the validator, so bad input never enters history. */
export function parseInput<T>(
  schema: {
    safeParse(
      input: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  );
  throw ApplicationFailure.create({
    type: INVALID_INPUT,
    message: `Invalid input: ${issues.join('; ')}`,
    details: [result.error.issues],
    nonRetryable: true,
  });
}

/**
 * Lets the event through when the machine accepts it now; otherwise refuses it, naming the broken rule when
 * the state accepts this type of event (422) or listing the events allowed now when it does not (409).
 */
export function assertAllowed<E extends { type: string }>(
  snapshot: AnyMachineSnapshot,
  event: E,
  violationOf: (event: E) => RuleViolation | null,
): void {
  if (snapshot.can(event)) return;
  const violation = acceptedEventTypes(snapshot).includes(event.type) ? violationOf(event) : null;
  refuse(event.type, {
    state: stateName(snapshot),
    allowedEvents: offeredEventTypes(snapshot),
    violation: violation ?? undefined,
  });
}
