import { condition, patched, workflowInfo } from '@temporalio/workflow';
import type { StateValue } from 'xstate';
import { initialTransition } from 'xstate';
import type { AssignmentTransition } from '../../activities/assignment-records';
import type { DeadlineParties } from '../../domain/parties';
import type { Actor } from '../../machines/actor';
import {
  type AssignmentContext,
  assignmentMachine,
  assignmentViolation,
  type WrittenDecision,
} from '../../machines/assignment.machine';
import { dayOf, type IsoDay, startOfDay } from '../../machines/calendar';
import type { Policy } from '../../machines/policy';
import { offeredEventTypes } from '../../machines/rules';
import type { CatchUp } from './catch-up';
import { records } from '../activity-proxies';
import type { AssignmentView } from '../assignment.messages';
import {
  anniversaryAt,
  evaluationRequestAt,
  importCursor,
  initialCursor,
  monthStartAt,
  type ScheduleCursor,
} from './cursor';
import { MachineRunner } from '../machine-runner';
import { OneWriter } from '../one-writer';
import { nowIso, StepKeys } from '../step-keys';
import type { ScheduleState } from './schedule';
import type { AreaReorganizedArgs } from '../cross-workflow.messages';

export interface AssignmentWorkflowInput {
  assignmentId: string;
  areaId: string;
  officialId: string;
  groupId?: string | undefined;
  proposedBy: string;
  reason: string;
  effectiveFrom: IsoDay;
  policy: Policy;
  predecessor?: { assignmentId: string; workflowId: string } | undefined;
  /** A successor appointed by the very decision that moved its predecessor is approved at once. */
  appointedBy?: { approver: Actor; decision: WrittenDecision } | undefined;
  carried?: CarriedState | undefined;
  /**
   * Set for an assignment already in force when the province moved in: appointed by its original
   * decision (`appointedBy`) since `effectiveFrom`, it is charged nothing before the import day. Runs started before
   * imports existed carry no such field, so their histories replay unchanged.
   */
  imported?: ImportedAssignment | undefined;
  /**
   * The start of the years counted for rotation when earlier than `effectiveFrom` (a roster line's served-from column).
   * Runs started before carry no such field and count from `effectiveFrom`.
   */
  servedFrom?: IsoDay | undefined;
}

/** Who brought an assignment in force into the system, when, and from which file and line. */
export interface ImportedAssignment {
  on: IsoDay;
  by: string;
  file: string;
  line: number;
}

export interface HandoverPlan {
  successorAssignmentId: string;
  successorEffectiveFrom: IsoDay;
  officialNextAreaId?: string | undefined;
  approver: Actor;
  launched: boolean;
}

/** Everything a new run needs after continue-as-new. */
export interface CarriedState {
  machine: { value: StateValue; context: AssignmentContext };
  steps: number;
  cursor: ScheduleCursor;
  handover?: HandoverPlan | undefined;
  /** Grounds and rotation tiers for which the system already opened a proposal. */
  autoProposals: string[];
  rotationEscalation?: { level: number; nextAt: number } | undefined;
  /** An imported assignment's first month in the system (takeOverImported); the months before read "before the system". */
  importedFirstMonth?: string | undefined;
  /** Reorganisations of the area already heard of, and the one in which it ceases (areaReorganized). */
  reorganizations?: { heard: string[]; ceases?: AreaReorganizedArgs | undefined } | undefined;
  /** The start of the years counted for rotation, once carried from a predecessor unit's assignment. */
  servedFrom?: IsoDay | undefined;
}

/** The patch that made handlers wait for the proposal's record; its name is in recorded histories, never change it. */
const HANDLERS_WAIT_FOR_PROPOSAL = 'handlers-wait-for-proposal-record';

export type PersistStep = Omit<
  AssignmentTransition,
  'idempotencyKey' | 'at' | 'assignment' | 'entityType' | 'entityId' | 'toState'
> & { toState?: string };

/**
 * One run of an assignment workflow: the machine's snapshot, the calendar cursor, the approved handover, the
 * proposals the system opened, the rotation's escalation; how a step is recorded, and the view queries answer.
 * Handlers and the main loop share it; every field is read live, so a handler sees what another just changed.
 */
export class AssignmentRun {
  readonly workflowId = workflowInfo().workflowId;
  readonly keys: StepKeys;
  readonly writer = new OneWriter();
  readonly machine: MachineRunner<typeof assignmentMachine>;
  readonly cursor: ScheduleCursor;
  handover: HandoverPlan | undefined;
  readonly autoProposals: Set<string>;
  rotationEscalation: { level: number; nextAt: number } | undefined;
  /** An imported assignment's first month in the system, once its workflow decided it (takeOverImported). */
  importedFirstMonth: string | undefined;
  /** Handlers act only once the proposal itself is on record, so the audit trail starts with it. */
  proposalRecorded: boolean;
  /** The reorganisations of the area heard of (by id), and the one in which it ceases, if any. */
  readonly reorganizationsHeard: Set<string>;
  ceases: AreaReorganizedArgs | undefined;
  /** When the assignment ended, when not at its closing step: the start of the day its area ceased. */
  endedAt: string | undefined;
  /** The start of the years counted for rotation when earlier than the effective date (carried or imported). */
  servedFrom: IsoDay | undefined;

  readonly appointmentRequestId: string;
  readonly rotationDeadline: { assignmentId: string; subject: 'ROTATION_DECISION'; reference: string };

  /** While steps already due are taken one after another: their starts in flight and versions read (catch-up.ts). */
  catchUp: CatchUp | undefined;

  // Calendar and people, loaded once per run.
  nonWorkingDays: string[] = [];
  private calendarToYear = 0;
  parties: DeadlineParties | undefined;

  constructor(readonly input: AssignmentWorkflowInput) {
    const { assignmentId, officialId, policy } = input;
    const carried = input.carried;
    this.keys = new StepKeys(carried?.steps ?? 0);
    this.machine = new MachineRunner(
      assignmentMachine,
      carried
        ? assignmentMachine.resolveState(carried.machine)
        : initialTransition(assignmentMachine, {
            assignmentId,
            officialId,
            proposedBy: input.proposedBy,
            eligibleAfterYears: policy.rotation.eligibleAfterYears,
            mandatoryAfterYears: policy.rotation.mandatoryAfterYears,
          })[0],
      (snapshot, event) =>
        assignmentViolation(snapshot.context, event, snapshot.matches('awaitingApproval') ? 'appointment' : 'proposal'),
    );
    this.cursor =
      carried?.cursor ??
      (input.imported
        ? importCursor(input.servedFrom ?? input.effectiveFrom, input.imported.on)
        : initialCursor(input.effectiveFrom));
    this.handover = carried?.handover;
    this.autoProposals = new Set(carried?.autoProposals ?? []);
    this.rotationEscalation = carried?.rotationEscalation;
    this.importedFirstMonth = carried?.importedFirstMonth;
    this.proposalRecorded = !!carried;
    this.reorganizationsHeard = new Set(carried?.reorganizations?.heard ?? []);
    this.ceases = carried?.reorganizations?.ceases;
    this.servedFrom = carried?.servedFrom ?? input.servedFrom;
    this.appointmentRequestId = `${assignmentId}-p0`;
    this.rotationDeadline = { assignmentId, subject: 'ROTATION_DECISION' as const, reference: assignmentId };
  }

  /**
   * When the rotation may be considered and when it is due: from the terms the machine holds, those the assignment
   * started with until an anniversary took a later version's (passAnniversary).
   */
  get eligibleAt(): number {
    return anniversaryAt(this.rotationFrom, this.snapshot.context.eligibleAfterYears);
  }

  get dueAt(): number {
    return anniversaryAt(this.rotationFrom, this.snapshot.context.mandatoryAfterYears);
  }

  /** The day the years counted for rotation start: the effective date unless earlier years were carried over. */
  get rotationFrom(): IsoDay {
    return this.servedFrom ?? this.input.effectiveFrom;
  }

  /**
   * Every handler's first step: it acts only once the proposal itself is on record, so the audit trail starts with it.
   * Runs started before this rule could have recorded an early approval first; they replay as they ran.
   */
  async afterProposal(): Promise<void> {
    if (patched(HANDLERS_WAIT_FOR_PROPOSAL)) await condition(() => this.proposalRecorded);
  }

  get snapshot() {
    return this.machine.snapshot;
  }

  state(): string {
    return this.machine.state;
  }

  isClosed(): boolean {
    return this.snapshot.status === 'done';
  }

  inActive(): boolean {
    return this.snapshot.matches('active');
  }

  async ensureCalendar(): Promise<void> {
    const year = Number(dayOf(Date.now()).slice(0, 4));
    if (year + 1 <= this.calendarToYear) return;
    this.nonWorkingDays = await records.loadNonWorkingDays({ fromYear: year, toYear: year + 2 });
    this.calendarToYear = year + 2;
  }

  async loadParties(): Promise<DeadlineParties> {
    const { officialId, groupId, areaId } = this.input;
    return (this.parties ??= await records.loadAssignmentParties({ officialId, groupId, areaId }));
  }

  /** The assignment's row as this step leaves it. */
  record(): AssignmentTransition['assignment'] {
    const { input } = this;
    return {
      id: input.assignmentId,
      workflowId: this.workflowId,
      areaId: input.areaId,
      officialId: input.officialId,
      groupId: input.groupId,
      proposedById: input.proposedBy,
      effectiveFrom: new Date(startOfDay(input.effectiveFrom)).toISOString(),
      rotationEligibleAt: new Date(this.eligibleAt).toISOString(),
      rotationDueAt: new Date(this.dueAt).toISOString(),
      predecessorId: input.predecessor?.assignmentId,
      ...(this.servedFrom && { servedFrom: new Date(startOfDay(this.servedFrom)).toISOString() }),
      approvedById: this.snapshot.context.approvedBy,
      closedAt: this.isClosed() ? (this.endedAt ?? nowIso()) : undefined,
      closureReason: this.snapshot.context.closureReason,
    };
  }

  /**
   * Records one step of the assignment (audit row, read model, approvals, outbox), under the next idempotency key,
   * after the steps taken before it (one-writer.ts).
   */
  persist(step: PersistStep) {
    const transition = {
      ...step,
      idempotencyKey: this.keys.next(step.action),
      at: nowIso(),
      assignment: this.record(),
      toState: step.toState ?? this.state(),
      entityType: 'Assignment',
      entityId: this.input.assignmentId,
    };
    return this.writer.write(() => records.recordAssignmentTransition(transition));
  }

  /** Something the calendar depends on changed outside the machine: the main loop recomputes what is due next. */
  reschedule(): void {
    this.machine.changes += 1;
  }

  /** Records a step of one of the assignment's deadlines, in order with its other steps. */
  recordDeadline(step: Parameters<typeof records.recordDeadlineStep>[0]) {
    return this.writer.write(() => records.recordDeadlineStep(step));
  }

  view(): AssignmentView {
    const { input, cursor, handover, rotationEscalation } = this;
    const c = this.snapshot.context;
    const active = this.inActive() || this.snapshot.matches('handingOver');
    return {
      assignmentId: input.assignmentId,
      areaId: input.areaId,
      officialId: input.officialId,
      state: this.state(),
      allowedEvents: offeredEventTypes(this.snapshot),
      yearsServed: c.yearsServed,
      pendingProposal: c.pending
        ? {
            id: c.pending.id,
            kind: c.pending.kind,
            proposedBy: c.pending.proposedBy,
            successorOfficialId: c.pending.successorOfficialId,
          }
        : null,
      grounds: c.grounds,
      closureReason: c.closureReason ?? null,
      areaLeftUnmonitored: c.areaLeftUnmonitored,
      successorAssignmentId: c.successorAssignmentId ?? handover?.successorAssignmentId ?? null,
      ...(input.imported && { imported: { ...input.imported, firstMonth: this.importedFirstMonth } }),
      deadlines: {
        effectiveFrom: new Date(startOfDay(input.effectiveFrom)).toISOString(),
        rotationEligibleAt: new Date(this.eligibleAt).toISOString(),
        rotationDueAt: new Date(this.dueAt).toISOString(),
        nextMonthlyCycle: active ? new Date(monthStartAt(cursor.nextMonth)).toISOString() : null,
        nextEvaluationRequest: active
          ? new Date(evaluationRequestAt(cursor.nextEvaluationYear, input.policy.evaluation)).toISOString()
          : null,
        nextRotationEscalation:
          rotationEscalation && !this.isClosed() ? new Date(rotationEscalation.nextAt).toISOString() : null,
      },
    };
  }

  /** What the calendar needs to know, as plain data (see schedule.ts). */
  scheduleState(): ScheduleState {
    const { input, cursor, handover, rotationEscalation } = this;
    return {
      state: this.state(),
      effectiveFrom: input.effectiveFrom,
      ...(this.servedFrom && { rotationFrom: this.servedFrom }),
      cursor,
      policy: input.policy,
      handover,
      rotationEscalation,
      ...(this.ceases && { ceasesAt: startOfDay(this.ceases.effectiveOn) }),
    };
  }

  /** What the next run carries over continue-as-new. */
  carried(): CarriedState {
    const { value, context } = this.snapshot;
    return {
      machine: { value, context },
      steps: this.keys.issued,
      cursor: this.cursor,
      handover: this.handover,
      autoProposals: [...this.autoProposals],
      rotationEscalation: this.rotationEscalation,
      ...(this.importedFirstMonth && { importedFirstMonth: this.importedFirstMonth }),
      ...(this.reorganizationsHeard.size > 0 && {
        reorganizations: { heard: [...this.reorganizationsHeard], ceases: this.ceases },
      }),
      ...(this.servedFrom && { servedFrom: this.servedFrom }),
    };
  }
}
