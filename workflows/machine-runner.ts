import { type AnyStateMachine, type EventFromLogic, type SnapshotFrom, transition } from 'xstate';
import { type RuleViolation, stateName } from '../machines/rules';
import { assertAllowed } from './refusal';

/**
 * A workflow's machine: the snapshot it is in, and the validate/apply pair every workflow needs. Pure and
 * deterministic: no commands, only the machine's transitions.
 */
export class MachineRunner<M extends AnyStateMachine> {
  /** How many transitions were applied in this run: a workflow waits on it to wake up when something changed. */
  changes = 0;

  constructor(
    private readonly machine: M,
    public snapshot: SnapshotFrom<M>,
    /** The rule the event breaks in this snapshot, asked only when the state accepts the event's type. */
    private readonly violationOf: (snapshot: SnapshotFrom<M>, event: EventFromLogic<M>) => RuleViolation | null,
  ) {}

  /** The state as one dotted name ("active.rotationEligible"). */
  get state(): string {
    return stateName(this.snapshot);
  }

  /** Refuses the event (a TransitionRefused or RuleViolated failure) unless the machine accepts it now. */
  validate(event: EventFromLogic<M>): void {
    assertAllowed(this.snapshot, event, (e) => this.violationOf(this.snapshot, e));
  }

  /** Takes the event and says from which state to which. */
  apply(event: EventFromLogic<M>): { fromState: string; toState: string } {
    const fromState = this.state;
    [this.snapshot] = transition(this.machine, this.snapshot, event);
    this.changes += 1;
    return { fromState, toState: this.state };
  }
}
