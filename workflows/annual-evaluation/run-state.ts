import { initialTransition } from 'xstate';
import type { DeadlineStep } from '../../activities/deadline-records';
import type { EvaluationChange } from '../../activities/evaluation-records';
import type { DeadlineParties } from '../../domain/parties';
import {
  type AnnualEvaluationEvent,
  annualEvaluationMachine,
  annualEvaluationViolation,
} from '../../machines/annual-evaluation.machine';
import { dayOf, endOfDay, WorkingCalendar } from '../../machines/calendar';
import type { Policy } from '../../machines/policy';
import { offeredEventTypes } from '../../machines/rules';
import { records } from '../activity-proxies';
import type { EvaluationView } from '../annual-evaluation.messages';
import { MachineRunner } from '../machine-runner';
import { OneWriter } from '../one-writer';
import { OpeningRecord } from '../opening-record';
import { nowIso, StepKeys } from '../step-keys';

export interface AnnualEvaluationInput {
  assignmentId: string;
  assignmentWorkflowId: string;
  areaId: string;
  officialId: string;
  year: number;
  parties: DeadlineParties;
  policy: Policy['evaluation'];
  /** The programme's version the policy is from, named on the opening's audit row; absent on evaluations before. */
  policyVersion?: { programmeId: string; label: string } | undefined;
  nonWorkingDays: string[];
}

/**
 * One year's evaluation run: the machine's snapshot, the area's due day; how a step is recorded (in order,
 * one-writer.ts) and what the view query answers. Handlers and the main flow share it.
 */
export class EvaluationRun {
  readonly calendar: WorkingCalendar;
  readonly keys = new StepKeys();
  readonly writer = new OneWriter();
  readonly opening = new OpeningRecord();
  readonly machine: MachineRunner<typeof annualEvaluationMachine>;
  readonly dueDay: string;
  readonly dueAt: string;
  readonly deadline: { assignmentId: string; subject: 'AREA_EVALUATION'; reference: string };

  constructor(readonly input: AnnualEvaluationInput) {
    const { assignmentId, year } = input;
    this.calendar = new WorkingCalendar(input.nonWorkingDays);
    this.machine = new MachineRunner(
      annualEvaluationMachine,
      initialTransition(annualEvaluationMachine, {
        assignmentId,
        areaId: input.areaId,
        year,
        groupLeaderId: input.parties.groupLeaderId,
      })[0],
      (snapshot, event) => annualEvaluationViolation(snapshot.context, event),
    );
    this.dueDay = this.calendar.addWorkingDays(dayOf(Date.now()), input.policy.dueWorkingDaysAfterRequest);
    this.dueAt = new Date(endOfDay(this.dueDay)).toISOString();
    this.deadline = { assignmentId, subject: 'AREA_EVALUATION', reference: String(year) };
  }

  get context() {
    return this.machine.snapshot.context;
  }

  view(): EvaluationView {
    return {
      assignmentId: this.input.assignmentId,
      year: this.input.year,
      state: this.machine.state,
      allowedEvents: offeredEventTypes(this.machine.snapshot),
      dueAt: this.dueAt,
    };
  }

  /** Applies a person's event and records the evaluation's step after the writes before it. */
  async step(event: AnnualEvaluationEvent, actorId: string, action: string, change: EvaluationChange) {
    const { fromState, toState } = this.machine.apply(event);
    const args = {
      idempotencyKey: this.keys.next(action),
      at: nowIso(),
      actorId,
      action,
      assignmentId: this.input.assignmentId,
      year: this.input.year,
      fromState,
      toState,
      change,
    };
    await this.writer.write(() => records.recordEvaluationStep(args));
  }

  /** Records the evaluation's request to the area's committee. */
  recordRequested(): Promise<unknown> {
    const { assignmentId, areaId, year } = this.input;
    const args = {
      idempotencyKey: this.keys.next('EVALUATION_REQUESTED'),
      at: nowIso(),
      actorId: 'system',
      action: 'EVALUATION_REQUESTED',
      assignmentId,
      year,
      toState: this.machine.state,
      change: { kind: 'REQUESTED' as const, dueAt: this.dueAt },
      notifications: [
        {
          recipientRole: 'AREA_COMMITTEE' as const,
          template: 'evaluation.requested' as const,
          payload: { assignmentId, areaId, year, dueAt: this.dueAt },
        },
      ],
    };
    return this.writer.write(() => records.recordEvaluationStep(args));
  }

  /**
   * The unit the request is with, for its notices: the area, or once it ceased the successor whose committee took the
   * request over, named with the former area (the notice says "trước đây: …").
   */
  areaNaming(): { areaId: string; formerAreaId?: string } {
    const areaId = this.context.areaId;
    return areaId === this.input.areaId ? { areaId } : { areaId, formerAreaId: this.input.areaId };
  }

  /** The area ceased before sending its evaluation, and no single successor took the request over. */
  closedForReorganization(): boolean {
    return this.machine.snapshot.matches('closedAreaReorganized');
  }

  /** Records a step of the area's deadline, keyed by `label`, after the writes before it. */
  recordDeadline(label: string, step: Omit<DeadlineStep, 'idempotencyKey' | 'at'>) {
    const args = { idempotencyKey: this.keys.next(label), at: nowIso(), ...step };
    return this.writer.write(() => records.recordDeadlineStep(args));
  }
}
