import { patched } from '@temporalio/workflow';
import { initialTransition } from 'xstate';
import type { DeadlineStep } from '../../activities/deadline-records';
import type { Filing } from '../../activities/filing-records';
import type { WriteOutcome } from '../../domain/audit/log';
import type { DeadlineParties } from '../../domain/parties';
import type { Actor } from '../../machines/actor';
import { endOfDay, lastDayOfMonth, WorkingCalendar } from '../../machines/calendar';
import {
  type FilingItem,
  type MonthlyCycleEvent,
  monthlyCycleMachine,
  monthlyCycleViolation,
} from '../../machines/monthly-cycle.machine';
import type { Policy } from '../../machines/policy';
import { offeredEventTypes } from '../../machines/rules';
import { records } from '../activity-proxies';
import type { FilingResult, MonthlyCycleView } from '../monthly-cycle.messages';
import { MachineRunner } from '../machine-runner';
import { OneWriter } from '../one-writer';
import { StepBatch } from '../step-batch';
import { nowIso, StepKeys } from '../step-keys';

export interface MonthlyCycleInput {
  assignmentId: string;
  officialId: string;
  /** YYYY-MM */
  period: string;
  parties: DeadlineParties;
  policy: Policy['monthly'];
  /** The programme's version the policy is from, named on the month's audit rows; absent on months started before. */
  policyVersion?: { programmeId: string; label: string } | undefined;
  nonWorkingDays: string[];
}

/** The patch after which a month's steps already due are written together. Never rename it. */
const STEPS_DUE_TOGETHER = 'month-steps-due-written-together';

const regionIn = (snapshot: { value: unknown }, item: FilingItem) =>
  (snapshot.value as Record<'plan' | 'report', string>)[item === 'PLAN' ? 'plan' : 'report'];

/**
 * One month's run: the machine's snapshot (a region per filing), the filings' due days; how a step is recorded (in
 * order, one-writer.ts; the steps already due together, step-batch.ts) and what the view query answers.
 */
export class MonthRun {
  readonly calendar: WorkingCalendar;
  readonly keys = new StepKeys();
  readonly writer = new OneWriter();
  readonly machine: MachineRunner<typeof monthlyCycleMachine>;
  readonly dueDays: Record<FilingItem, string>;
  /**
   * A month reached after its deadlines (an assignment catching up, a worker back after an outage) takes the steps
   * already due at once and writes them in one batch: one write instead of a dozen. Months recorded
   * before wrote each step on its own, and replay so.
   */
  batch: StepBatch<DeadlineStep, WriteOutcome> | undefined;
  /** Set once the deadlines' openings are written or queued: a step closing them comes after. */
  deadlinesOpened = false;

  constructor(readonly input: MonthlyCycleInput) {
    const { assignmentId, period, parties, policy } = input;
    this.calendar = new WorkingCalendar(input.nonWorkingDays);
    this.machine = new MachineRunner(
      monthlyCycleMachine,
      initialTransition(monthlyCycleMachine, { assignmentId, period, filerIds: parties.filerIds })[0],
      (snapshot, event) => monthlyCycleViolation(snapshot.context, event, regionIn(snapshot, 'PLAN')),
    );
    this.dueDays = {
      PLAN: this.calendar.nthWorkingDayOfMonth(period, policy.planDueWorkingDayOfMonth),
      REPORT: this.calendar.addWorkingDays(lastDayOfMonth(period), policy.reportDueWorkingDaysAfterMonthEnd),
    };
  }

  /** Decides, once, whether this run writes the steps due together (see `batch`). */
  batchStepsDue(): void {
    this.batch = patched(STEPS_DUE_TOGETHER)
      ? new StepBatch<DeadlineStep, WriteOutcome>((steps) =>
          this.writer.write(() => records.recordDeadlineSteps(steps)),
        )
      : undefined;
  }

  regionOf(item: FilingItem): string {
    return regionIn(this.machine.snapshot, item);
  }

  settled(item: FilingItem): boolean {
    return ['filed', 'filedLate', 'notFiled', 'reorganized'].includes(this.regionOf(item));
  }

  view(): MonthlyCycleView {
    const { assignmentId, period } = this.input;
    return {
      assignmentId,
      period,
      state: this.machine.state,
      allowedEvents: offeredEventTypes(this.machine.snapshot),
      deadlines: {
        plan: new Date(endOfDay(this.dueDays.PLAN)).toISOString(),
        report: new Date(endOfDay(this.dueDays.REPORT)).toISOString(),
      },
    };
  }

  /** A deadline's step: queued in the batch (written at its next flush), or written on its own after those before. */
  writeStep(step: DeadlineStep): Promise<WriteOutcome> {
    return this.batch ? this.batch.add(step) : this.writer.write(() => records.recordDeadlineStep(step));
  }

  /** Sends the steps queued (batched runs only), in the order they were taken. */
  readonly flush = (): Promise<void> => this.batch!.flush();

  /** A filing, on time or late; the steps the machine took before it land before it. */
  async recordFiled(actor: Actor, filing: Filing): Promise<FilingResult> {
    const { assignmentId, period } = this.input;
    const item = filing.kind;
    const event: MonthlyCycleEvent = { type: item === 'PLAN' ? 'FILE_PLAN' : 'FILE_REPORT', actor };
    const late = this.regionOf(item) !== 'due';
    const states = this.machine.apply(event);
    if (this.batch) await this.batch.flush();
    const args = {
      idempotencyKey: this.keys.next(`${item}_FILED`),
      at: nowIso(),
      actorId: actor.id,
      action: late ? `MONTHLY_${item}_FILED_LATE` : `MONTHLY_${item}_FILED`,
      assignmentId,
      period,
      late,
      ...states,
      filing,
    };
    await this.writer.write(() => records.recordFiling(args));
    return { late, state: this.machine.state };
  }
}
