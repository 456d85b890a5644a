import type { AnyMachineSnapshot } from 'xstate';

/** Error types the API maps to HTTP: 409 when the state does not accept the event, 422 when a rule forbids it. */
export const TRANSITION_REFUSED = 'TransitionRefused';
export const RULE_VIOLATED = 'RuleViolated';
export const INVALID_INPUT = 'InvalidInput';

/** A rule of the regulation that an event broke; `rule` is a stable code the API and UI translate. */
export interface RuleViolation {
  rule: string;
  message: string;
}

/** A rule returns the violation, or null when the event respects it. Guards and refusals share these. */
export type Rule<Context, Event> = (context: Context, event: Event) => RuleViolation | null;

export function firstViolation<Context, Event>(
  rules: readonly Rule<Context, Event>[],
  context: Context,
  event: Event,
): RuleViolation | null {
  for (const rule of rules) {
    const violation = rule(context, event);
    if (violation) return violation;
  }
  return null;
}

/**
 * Event types that the active states accept at all (before guards): what the API lists as
 * "allowed now" and what a 409 names. Guards then decide with the event's payload.
 */
export function acceptedEventTypes(snapshot: AnyMachineSnapshot): string[] {
  const types = new Set<string>();
  for (const node of snapshot._nodes) {
    for (const type of node.ownEvents) if (!type.startsWith('xstate.')) types.add(type);
  }
  return [...types].sort();
}

/**
 * Events only the workflows send (timers, other workflows' signals): a person is never told they are "allowed".
 * GROUND_ESTABLISHED is not among them: a department head's report of a position change establishes one.
 */
export const SYSTEM_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ACTED_ON',
  'AREA_REORGANIZED',
  'CLOSE_UNFILED',
  'DEADLINE_MISSED',
  'EFFECTIVE_DATE_REACHED',
  'ESCALATED',
  'MEETING_STARTED',
  'SUCCESSOR_STARTED',
  'TERM_ANNIVERSARY',
]);

/** The events a person may send now: what views and refusals list as allowed. */
export function offeredEventTypes(snapshot: AnyMachineSnapshot): string[] {
  return acceptedEventTypes(snapshot).filter((type) => !SYSTEM_EVENT_TYPES.has(type));
}

/** The state value as one dotted string per active leaf ("active.rotationEligible"). */
export function stateName(snapshot: AnyMachineSnapshot): string {
  const leaves = snapshot._nodes.filter((node) => node.type === 'atomic' || node.type === 'final');
  return leaves
    .map((node) => node.path.join('.'))
    .sort()
    .join(' | ');
}
