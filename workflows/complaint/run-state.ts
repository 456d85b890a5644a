import { initialTransition } from 'xstate';
import type { ComplaintChange } from '../../activities/complaint-records';
import type { DeadlineStep } from '../../activities/deadline-records';
import { dayOf, endOfDay, WorkingCalendar } from '../../machines/calendar';
import { type ComplaintEvent, complaintMachine, complaintViolation } from '../../machines/complaint.machine';
import type { Policy } from '../../machines/policy';
import { offeredEventTypes } from '../../machines/rules';
import { records } from '../activity-proxies';
import type { ComplaintView } from '../complaint.messages';
import { MachineRunner } from '../machine-runner';
import { OneWriter } from '../one-writer';
import { OpeningRecord } from '../opening-record';
import { nowIso, StepKeys } from '../step-keys';

export interface ComplaintInput {
  complaintId: string;
  assignmentId: string;
  assignmentWorkflowId: string;
  officialId: string;
  filedBy: string;
  summary: string;
  source: string;
  headOfBoardId: string | undefined;
  policy: Policy['complaint'];
  nonWorkingDays: string[];
}

/**
 * One complaint's run: the machine's snapshot, the verification's due day; how a step is recorded (in order,
 * one-writer.ts) and what the view query answers. Handlers and the main flow share it.
 */
export class ComplaintRun {
  readonly calendar: WorkingCalendar;
  readonly keys = new StepKeys();
  readonly writer = new OneWriter();
  readonly opening = new OpeningRecord();
  readonly machine: MachineRunner<typeof complaintMachine>;
  readonly dueDay: string;
  readonly verificationDueAt: string;
  readonly deadline: { assignmentId: string; subject: 'COMPLAINT_VERIFICATION'; reference: string };

  constructor(readonly input: ComplaintInput) {
    const { complaintId, assignmentId } = input;
    this.calendar = new WorkingCalendar(input.nonWorkingDays);
    this.machine = new MachineRunner(
      complaintMachine,
      initialTransition(complaintMachine, {
        complaintId,
        assignmentId,
        officialId: input.officialId,
        filedBy: input.filedBy,
      })[0],
      (snapshot, event) => complaintViolation(snapshot.context, event),
    );
    this.dueDay = this.calendar.addWorkingDays(dayOf(Date.now()), input.policy.verificationWorkingDays);
    this.verificationDueAt = new Date(endOfDay(this.dueDay)).toISOString();
    this.deadline = { assignmentId, subject: 'COMPLAINT_VERIFICATION', reference: complaintId };
  }

  get context() {
    return this.machine.snapshot.context;
  }

  isDone(): boolean {
    return this.machine.snapshot.status === 'done';
  }

  view(): ComplaintView {
    return {
      complaintId: this.input.complaintId,
      assignmentId: this.input.assignmentId,
      state: this.machine.state,
      allowedEvents: offeredEventTypes(this.machine.snapshot),
      verificationDueAt: this.verificationDueAt,
    };
  }

  /** Applies the event (if any) and records the complaint's step after the writes before it. */
  async step(event: ComplaintEvent | undefined, actorId: string, action: string, change: ComplaintChange) {
    const states = event ? this.machine.apply(event) : undefined;
    const args = {
      idempotencyKey: this.keys.next(action),
      at: nowIso(),
      actorId,
      action,
      complaintId: this.input.complaintId,
      assignmentId: this.input.assignmentId,
      fromState: states?.fromState,
      toState: this.machine.state,
      change,
    };
    await this.writer.write(() => records.recordComplaintStep(args));
  }

  /** Records a step of the verification's deadline, keyed by `label`, after the writes before it. */
  recordDeadline(label: string, step: Omit<DeadlineStep, 'idempotencyKey' | 'at'>) {
    const args = { idempotencyKey: this.keys.next(label), at: nowIso(), ...step };
    return this.writer.write(() => records.recordDeadlineStep(args));
  }
}
