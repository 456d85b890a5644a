import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  TemporalFailure,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { StateValue } from 'xstate';
import { initialTransition } from 'xstate';
import type { AssignmentTransition } from '../activities/assignment-records';
import type { AssignmentParties } from '../activities/people';
import { type Actor, SYSTEM_ACTOR } from '../machines/actor';
import {
  type AssignmentContext,
  type AssignmentEvent,
  assignmentMachine,
  assignmentViolation,
  type Ground,
  type Proposal,
  type WrittenDecision,
} from '../machines/assignment.machine';
import type { Policy } from '../machines/policy';
import { offeredEventTypes } from '../machines/rules';
import { records } from './activity-proxies';
import type { AnnualEvaluationInput } from './annual-evaluation.workflow';
import {
  ApproveArgsSchema,
  approveUpdate,
  assignmentStateQuery,
  type AssignmentView,
  ProposeArgsSchema,
  proposeUpdate,
  RejectArgsSchema,
  rejectUpdate,
  ReportPositionChangeArgsSchema,
  reportPositionChangeUpdate,
  WithdrawArgsSchema,
  withdrawUpdate,
} from './assignment.messages';
import { anniversaryAt, evaluationRequestAt, initialCursor, monthStartAt, type ScheduleCursor } from './assignment-schedule';
import { nextTimedEvent, type TimedEvent } from './assignment/schedule';
import { complaintActedOnSignal, groundEstablishedSignal, successorStartedSignal } from './assignment-signals';
import { dayOf, endOfDay, type IsoDay, nextMonth, startOfDay, WorkingCalendar } from '../machines/calendar';
import { annualEvaluationWorkflowId, assignmentWorkflowId, complaintWorkflowId, monthlyCycleWorkflowId } from './ids';
import type { MonthlyCycleInput } from './monthly-cycle.workflow';
import { MachineRunner } from './machine-runner';
import { parseInput, refuse } from './refusal';
import { nowIso, StepKeys } from './step-keys';

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
}

interface HandoverPlan {
  successorAssignmentId: string;
  successorEffectiveFrom: IsoDay;
  officialNextAreaId?: string | undefined;
  approver: Actor;
  launched: boolean;
}

/** Everything a new run needs after continue-as-new. */
interface CarriedState {
  machine: { value: StateValue; context: AssignmentContext };
  steps: number;
  cursor: ScheduleCursor;
  handover?: HandoverPlan | undefined;
  /** Grounds and rotation tiers for which the system already opened a proposal. */
  autoProposals: string[];
  rotationEscalation?: { level: number; nextAt: number } | undefined;
}

const HANDLERS_WAIT_FOR_PROPOSAL = 'handlers-wait-for-proposal-record';
const ANNIVERSARIES_PER_RUN = 1; // a new run each year of service keeps each history to a few hundred events

/**
 * One assignment of an official to an area, for its whole life: proposal and approval, effective date,
 * monthly cycles and annual evaluations (workflows of their own), rotation from year 3 and mandatory at year 5,
 * early reassignment on an established ground, and handover to a successor before closing.
 * The assignment machine decides what is allowed; this workflow owns time and effects.
 */
export async function assignmentWorkflow(input: AssignmentWorkflowInput): Promise<AssignmentView> {
  const { assignmentId, areaId, officialId, policy } = input;
  const workflowId = workflowInfo().workflowId;
  const carried = input.carried;
  const keys = new StepKeys(carried?.steps ?? 0);
  const machine = new MachineRunner(
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
    (snapshot, event) => assignmentViolation(snapshot.context, event, snapshot.matches('awaitingApproval') ? 'appointment' : 'proposal'),
  );
  const cursor: ScheduleCursor = carried?.cursor ?? initialCursor(input.effectiveFrom);
  let handover = carried?.handover;
  const autoProposals = new Set(carried?.autoProposals ?? []);
  let rotationEscalation = carried?.rotationEscalation;
  /** Handlers act only once the proposal itself is on record, so the audit trail starts with it. */
  let proposalRecorded = !!carried;
  // Runs started before this rule could have recorded an early approval first; they replay as they ran.
  const afterProposal = async () => {
    if (patched(HANDLERS_WAIT_FOR_PROPOSAL)) await condition(() => proposalRecorded);
  };

  const eligibleAt = anniversaryAt(input.effectiveFrom, policy.rotation.eligibleAfterYears);
  const dueAt = anniversaryAt(input.effectiveFrom, policy.rotation.mandatoryAfterYears);
  const appointmentRequestId = `${assignmentId}-p0`;
  const rotationDeadline = { assignmentId, subject: 'ROTATION_DECISION' as const, reference: assignmentId };
  const state = () => machine.state;
  const isClosed = () => machine.snapshot.status === 'done';
  const inActive = () => machine.snapshot.matches('active');

  // ── calendar and people, loaded once per run ──────────────────────────────
  let nonWorkingDays: string[] = [];
  let calendarToYear = 0;
  const ensureCalendar = async () => {
    const year = Number(dayOf(Date.now()).slice(0, 4));
    if (year + 1 <= calendarToYear) return;
    nonWorkingDays = await records.loadNonWorkingDays({ fromYear: year, toYear: year + 2 });
    calendarToYear = year + 2;
  };
  let parties: AssignmentParties | undefined;
  const loadParties = async () => (parties ??= await records.loadAssignmentParties({ officialId, groupId: input.groupId, areaId }));

  // ── the machine, and its record ───────────────────────────────────────────
  const record = (): AssignmentTransition['assignment'] => ({
    id: assignmentId,
    workflowId,
    areaId,
    officialId,
    groupId: input.groupId,
    proposedById: input.proposedBy,
    effectiveFrom: new Date(startOfDay(input.effectiveFrom)).toISOString(),
    rotationEligibleAt: new Date(eligibleAt).toISOString(),
    rotationDueAt: new Date(dueAt).toISOString(),
    predecessorId: input.predecessor?.assignmentId,
    approvedById: machine.snapshot.context.approvedBy,
    closedAt: isClosed() ? nowIso() : undefined,
    closureReason: machine.snapshot.context.closureReason,
  });

  const persist = (step: Omit<AssignmentTransition, 'idempotencyKey' | 'at' | 'assignment' | 'entityType' | 'entityId' | 'toState'> & { toState?: string }) =>
    records.recordAssignmentTransition({
      ...step,
      idempotencyKey: keys.next(step.action),
      at: nowIso(),
      assignment: record(),
      toState: step.toState ?? state(),
      entityType: 'Assignment',
      entityId: assignmentId,
    });

  const validate = (event: AssignmentEvent) => machine.validate(event);
  const apply = (event: AssignmentEvent) => machine.apply(event);

  const view = (): AssignmentView => {
    const c = machine.snapshot.context;
    const active = inActive() || machine.snapshot.matches('handingOver');
    return {
      assignmentId,
      areaId,
      officialId,
      state: state(),
      allowedEvents: offeredEventTypes(machine.snapshot),
      yearsServed: c.yearsServed,
      pendingProposal: c.pending
        ? { id: c.pending.id, kind: c.pending.kind, proposedBy: c.pending.proposedBy, successorOfficialId: c.pending.successorOfficialId }
        : null,
      grounds: c.grounds,
      closureReason: c.closureReason ?? null,
      areaLeftUnmonitored: c.areaLeftUnmonitored,
      successorAssignmentId: c.successorAssignmentId ?? handover?.successorAssignmentId ?? null,
      deadlines: {
        effectiveFrom: new Date(startOfDay(input.effectiveFrom)).toISOString(),
        rotationEligibleAt: new Date(eligibleAt).toISOString(),
        rotationDueAt: new Date(dueAt).toISOString(),
        nextMonthlyCycle: active ? new Date(monthStartAt(cursor.nextMonth)).toISOString() : null,
        nextEvaluationRequest: active ? new Date(evaluationRequestAt(cursor.nextEvaluationYear, policy.evaluation)).toISOString() : null,
        nextRotationEscalation: rotationEscalation && !isClosed() ? new Date(rotationEscalation.nextAt).toISOString() : null,
      },
    };
  };

  const tellComplaint = async (proposal: Proposal, action: 'REASSIGNMENT_APPROVED' | 'REASSIGNMENT_REJECTED') => {
    if (proposal.kind !== 'EARLY_REASSIGNMENT' || proposal.ground.kind !== 'VERIFIED_COMPLAINT') return;
    try {
      await getExternalWorkflowHandle(complaintWorkflowId(proposal.ground.complaintId)).signal(complaintActedOnSignal, { action });
    } catch (error) {
      if (!(error instanceof TemporalFailure)) throw error;
    }
  };

  // ── people's decisions (updates: the caller learns at once whether the machine allowed it) ──
  setHandler(assignmentStateQuery, view);

  setHandler(
    approveUpdate,
    async (args) => {
      await afterProposal();
      const event: AssignmentEvent = { type: 'APPROVE', actor: args.actor, decision: args.decision, comment: args.comment, successorOfficialId: args.successorOfficialId };
      validate(event);
      const proposal = machine.snapshot.context.pending;
      const states = apply(event);
      const decision = { ...args.decision, summary: args.decision.summary ?? (proposal ? `${proposal.kind}: ${proposal.reason}` : input.reason) };
      if (!proposal) {
        await persist({
          action: 'APPOINTMENT_APPROVED',
          actorId: args.actor.id,
          ...states,
          decision: { ...decision, kind: 'APPOINTMENT' },
          appointmentDecision: true,
          closeApproval: { requestId: appointmentRequestId, outcome: 'APPROVED', decidedById: args.actor.id, comment: args.comment },
          notifications: [{ recipientId: officialId, template: 'assignment.approved', payload: { assignmentId, effectiveFrom: input.effectiveFrom } }],
        });
        return view();
      }
      if (!isClosed()) {
        handover = {
          successorAssignmentId: uuid4(),
          successorEffectiveFrom: args.successorEffectiveFrom ?? args.decision.issuedOn,
          officialNextAreaId: args.officialNextAreaId,
          approver: args.actor,
          launched: false,
        };
      }
      await persist({
        action: `${proposal.kind}_APPROVED`,
        actorId: args.actor.id,
        ...states,
        decision: { ...decision, kind: proposal.kind },
        closeApproval: { requestId: proposal.id, outcome: 'APPROVED', decidedById: args.actor.id, comment: args.comment },
        payload: { proposalId: proposal.id, successorOfficialId: machine.snapshot.context.handover?.successorOfficialId ?? null, successorEffectiveFrom: handover?.successorEffectiveFrom ?? null },
      });
      if (machine.snapshot.context.yearsServed >= policy.rotation.eligibleAfterYears && !rotationEscalation) {
        // The rotation decision was due by the mandatory term; taken in time, the deadline is met.
        await records.recordDeadlineStep({
          idempotencyKey: keys.next('ROTATION_DEADLINE_MET'),
          at: nowIso(),
          actorId: args.actor.id,
          action: 'ROTATION_DEADLINE_MET',
          deadline: rotationDeadline,
          change: { kind: 'MET' },
        });
      }
      if (isClosed()) {
        await persist({
          action: 'ASSIGNMENT_CLOSED',
          actorId: args.actor.id,
          ...states,
          payload: { closureReason: machine.snapshot.context.closureReason, areaLeftUnmonitored: true },
          notifications: [{ recipientId: parties?.leaderInChargeId, template: 'area.unmonitored', payload: { areaId, assignmentId } }],
        });
      }
      await tellComplaint(proposal, 'REASSIGNMENT_APPROVED');
      return view();
    },
    { validator: (args) => validate({ type: 'APPROVE', ...parseInput(ApproveArgsSchema, args) }) },
  );

  setHandler(
    rejectUpdate,
    async (args) => {
      await afterProposal();
      validate({ type: 'REJECT', ...args });
      const proposal = machine.snapshot.context.pending;
      const states = apply({ type: 'REJECT', ...args });
      await persist({
        action: proposal ? `${proposal.kind}_REJECTED` : 'APPOINTMENT_REJECTED',
        actorId: args.actor.id,
        ...states,
        closeApproval: { requestId: proposal?.id ?? appointmentRequestId, outcome: 'REJECTED', decidedById: args.actor.id, comment: args.comment },
        payload: { comment: args.comment },
      });
      if (proposal) await tellComplaint(proposal, 'REASSIGNMENT_REJECTED');
      return view();
    },
    { validator: (args) => validate({ type: 'REJECT', ...parseInput(RejectArgsSchema, args) }) },
  );

  setHandler(
    withdrawUpdate,
    async (args) => {
      await afterProposal();
      validate({ type: 'WITHDRAW', ...args });
      const proposal = machine.snapshot.context.pending;
      const states = apply({ type: 'WITHDRAW', ...args });
      await persist({
        action: proposal ? `${proposal.kind}_WITHDRAWN` : 'APPOINTMENT_WITHDRAWN',
        actorId: args.actor.id,
        ...states,
        closeApproval: { requestId: proposal?.id ?? appointmentRequestId, outcome: 'WITHDRAWN', decidedById: args.actor.id },
      });
      return view();
    },
    { validator: (args) => validate({ type: 'WITHDRAW', ...parseInput(WithdrawArgsSchema, args) }) },
  );

  const openProposal = async (actor: Actor, proposal: Extract<AssignmentEvent, { type: 'PROPOSE' }>['proposal']) => {
    const states = apply({ type: 'PROPOSE', actor, proposal });
    const opened = machine.snapshot.context.pending!;
    const leaders = await loadParties();
    await persist({
      action: `${proposal.kind}_PROPOSED`,
      actorId: actor.id,
      ...states,
      openApproval: { id: opened.id, kind: proposal.kind, proposedById: actor.id, reason: proposal.reason, payload: { ...proposal } },
      notifications: [{ recipientId: leaders.leaderInChargeId, template: `proposal.${proposal.kind.toLowerCase()}`, payload: { assignmentId, proposalId: opened.id } }],
    });
  };

  setHandler(
    proposeUpdate,
    async (args) => {
      await afterProposal();
      validate({ type: 'PROPOSE', ...args });
      await openProposal(args.actor, args.proposal);
      return view();
    },
    { validator: (args) => validate({ type: 'PROPOSE', ...parseInput(ProposeArgsSchema, args) }) },
  );

  const positionChangeValidator = (actor: Actor) => {
    const mayReport = actor.roles.some((role) => ['BOARD_LEADER', 'HEAD_OF_BOARD', 'DEPARTMENT_HEAD', 'ADMINISTRATOR'].includes(role));
    const ground: Ground = { kind: 'POSITION_CHANGED', note: '' };
    if (!mayReport) {
      refuse('GROUND_ESTABLISHED', {
        state: state(),
        allowedEvents: offeredEventTypes(machine.snapshot),
        violation: { rule: 'POSITION_CHANGE_REPORTER', message: 'A position change is reported by Board leadership, a department head or an administrator' },
      });
    }
    validate({ type: 'GROUND_ESTABLISHED', ground });
  };

  const establishGround = async (ground: Ground, actorId: string) => {
    const states = apply({ type: 'GROUND_ESTABLISHED', ground });
    await persist({ action: 'GROUND_ESTABLISHED', actorId, ...states, payload: { ground } });
  };

  setHandler(
    reportPositionChangeUpdate,
    async ({ actor, note }) => {
      await afterProposal();
      positionChangeValidator(actor);
      await establishGround({ kind: 'POSITION_CHANGED', note }, actor.id);
      return view();
    },
    { validator: (args) => positionChangeValidator(parseInput(ReportPositionChangeArgsSchema, args).actor) },
  );

  // ── facts from other workflows (signals) ──────────────────────────────────
  setHandler(groundEstablishedSignal, async ({ ground }) => {
    await afterProposal();
    if (machine.snapshot.can({ type: 'GROUND_ESTABLISHED', ground })) await establishGround(ground, 'system');
  });

  setHandler(successorStartedSignal, async ({ successorAssignmentId }) => {
    await afterProposal();
    const event: AssignmentEvent = { type: 'SUCCESSOR_STARTED', successorAssignmentId };
    if (!machine.snapshot.can(event)) return;
    const states = apply(event);
    await persist({
      action: 'ASSIGNMENT_CLOSED',
      actorId: 'system',
      ...states,
      payload: { closureReason: machine.snapshot.context.closureReason, successorAssignmentId },
      notifications: [{ recipientId: officialId, template: 'assignment.closed', payload: { assignmentId, successorAssignmentId } }],
    });
  });

  // ── the proposal itself, once ─────────────────────────────────────────────
  if (!carried) {
    await persist({
      action: 'ASSIGNMENT_PROPOSED',
      actorId: input.proposedBy,
      toState: state(),
      openApproval: { id: appointmentRequestId, kind: 'APPOINTMENT', proposedById: input.proposedBy, reason: input.reason, payload: { areaId, officialId, effectiveFrom: input.effectiveFrom } },
    });
    if (input.appointedBy) {
      const { approver, decision } = input.appointedBy;
      const states = apply({ type: 'APPROVE', actor: approver, decision });
      await persist({
        action: 'APPOINTMENT_APPROVED',
        actorId: approver.id,
        ...states,
        decision: { ...decision, summary: decision.summary ?? input.reason, kind: 'APPOINTMENT' },
        appointmentDecision: true,
        closeApproval: { requestId: appointmentRequestId, outcome: 'APPROVED', decidedById: approver.id },
        payload: { predecessorAssignmentId: input.predecessor?.assignmentId ?? null },
      });
    }
    proposalRecorded = true;
  }

  // ── time ──────────────────────────────────────────────────────────────────
  const startMonthlyCycle = async (month: string) => {
    await ensureCalendar();
    const people = await loadParties();
    await startOnce('monthlyCycleWorkflow', monthlyCycleWorkflowId(assignmentId, month), {
      assignmentId,
      officialId,
      period: month,
      parties: people,
      policy: policy.monthly,
      nonWorkingDays,
    });
  };

  const requestEvaluation = async (year: number) => {
    await ensureCalendar();
    const people = await loadParties();
    await startOnce('annualEvaluationWorkflow', annualEvaluationWorkflowId(assignmentId, year), {
      assignmentId,
      assignmentWorkflowId: workflowId,
      areaId,
      officialId,
      year,
      parties: people,
      policy: policy.evaluation,
      nonWorkingDays,
    });
  };


  const passAnniversary = async (years: number) => {
    const states = apply({ type: 'TERM_ANNIVERSARY', yearsServed: years });
    const people = await loadParties();
    const reached = states.toState !== states.fromState;
    await persist({
      action: 'TERM_ANNIVERSARY',
      actorId: 'system',
      ...states,
      payload: { yearsServed: years },
      notifications: reached
        ? [{ recipientId: people.leaderInChargeId, template: `rotation.${machine.snapshot.matches({ active: 'rotationDue' }) ? 'due' : 'eligible'}`, payload: { assignmentId, yearsServed: years } }]
        : [],
    });
    if (machine.snapshot.matches({ active: 'rotationEligible' }) && reached) {
      await records.recordDeadlineStep({
        idempotencyKey: keys.next('ROTATION_DEADLINE_OPENED'),
        at: nowIso(),
        actorId: 'system',
        action: 'ROTATION_DEADLINE_OPENED',
        deadline: rotationDeadline,
        change: { kind: 'OPENED', dueAt: new Date(dueAt).toISOString() },
      });
    }
    if (machine.snapshot.matches({ active: 'rotationDue' }) && reached) await escalateRotation();
  };

  /** At the mandatory term the undecided rotation is escalated to the Head of Board until decided. */
  const escalateRotation = async () => {
    await ensureCalendar();
    const people = await loadParties();
    const level = (rotationEscalation?.level ?? 0) + 1;
    const rung = { level, target: 'HEAD_OF_BOARD' as const, recipientId: people.headOfBoardId };
    await records.recordDeadlineStep({
      idempotencyKey: keys.next(level === 1 ? 'ROTATION_MISSED' : 'ROTATION_ESCALATED'),
      at: nowIso(),
      actorId: 'system',
      action: level === 1 ? 'ROTATION_DEADLINE_MISSED' : 'ROTATION_ESCALATED',
      deadline: rotationDeadline,
      change: { kind: level === 1 ? 'MISSED' : 'ESCALATED', escalation: rung },
      notifications: [{ recipientId: rung.recipientId, template: 'rotation.escalated', payload: { assignmentId, level } }],
    });
    const calendar = new WorkingCalendar(nonWorkingDays);
    const next = calendar.addWorkingDays(dayOf(Date.now()), policy.rotation.mandatoryEscalationEveryWorkingDays);
    rotationEscalation = { level, nextAt: endOfDay(next) };
  };

  /** The system opens the proposals the regulation calls for; leadership decides them. */
  const proposeWhatIsDue = async () => {
    if (!inActive() || machine.snapshot.context.pending) return;
    const ground = machine.snapshot.context.grounds.find((g) => !autoProposals.has(groundKey(g)));
    const tier = machine.snapshot.matches({ active: 'rotationDue' }) ? 'rotation-due' : machine.snapshot.matches({ active: 'rotationEligible' }) ? 'rotation-eligible' : undefined;
    if (!ground && (!tier || autoProposals.has(tier))) return;
    const key = ground ? groundKey(ground) : tier!;
    autoProposals.add(key);
    const successor = await records.suggestSuccessor({ areaId, excludeOfficialIds: [officialId] });
    if (!successor) {
      const people = await loadParties();
      await persist({
        action: 'NO_SUCCESSOR_AVAILABLE',
        actorId: 'system',
        fromState: state(),
        payload: { for: key },
        notifications: [{ recipientId: people.leaderInChargeId, template: 'proposal.no-successor', payload: { assignmentId, for: key } }],
      });
      return;
    }
    if (ground) {
      await openProposal(SYSTEM_ACTOR, { kind: 'EARLY_REASSIGNMENT', ground, successorOfficialId: successor, reason: groundReason(ground) });
    } else {
      await openProposal(SYSTEM_ACTOR, { kind: 'ROTATION', successorOfficialId: successor, reason: `Term of ${machine.snapshot.context.yearsServed} years reached` });
    }
  };

  const launchSuccessor = async () => {
    if (!machine.snapshot.matches('handingOver') || !handover || handover.launched) return;
    const approved = machine.snapshot.context.handover!;
    const successorOfficialId = approved.successorOfficialId!;
    const appointedBy = { approver: handover.approver, decision: approved.decision };
    await startOnce('assignmentWorkflow', assignmentWorkflowId(handover.successorAssignmentId), {
      assignmentId: handover.successorAssignmentId,
      areaId,
      officialId: successorOfficialId,
      proposedBy: approved.proposal.proposedBy,
      reason: approved.proposal.reason,
      effectiveFrom: handover.successorEffectiveFrom,
      policy,
      predecessor: { assignmentId, workflowId },
      appointedBy,
    });
    if (handover.officialNextAreaId) {
      const nextAssignmentId = uuid4();
      await startOnce('assignmentWorkflow', assignmentWorkflowId(nextAssignmentId), {
        assignmentId: nextAssignmentId,
        areaId: handover.officialNextAreaId,
        officialId,
        proposedBy: approved.proposal.proposedBy,
        reason: `Rotation from area ${areaId}`,
        effectiveFrom: handover.successorEffectiveFrom,
        policy,
        appointedBy,
      });
    }
    handover.launched = true;
    await persist({
      action: 'HANDOVER_STARTED',
      actorId: 'system',
      fromState: state(),
      payload: { successorAssignmentId: handover.successorAssignmentId, successorOfficialId, effectiveFrom: handover.successorEffectiveFrom },
    });
  };

  const becomeEffective = async () => {
    const states = apply({ type: 'EFFECTIVE_DATE_REACHED' });
    await persist({ action: 'ASSIGNMENT_STARTED', actorId: 'system', ...states });
    if (input.predecessor) {
      try {
        await getExternalWorkflowHandle(input.predecessor.workflowId).signal(successorStartedSignal, { successorAssignmentId: assignmentId });
      } catch (error) {
        if (!(error instanceof TemporalFailure)) throw error;
      }
    }
  };

  /** What the calendar brings, done: the cursor moves past it first. */
  const runTimed = async (event: TimedEvent) => {
    switch (event.kind) {
      case 'effective':
        return becomeEffective();
      case 'anniversary':
        cursor.nextAnniversary += 1;
        return passAnniversary(event.years);
      case 'evaluation':
        cursor.nextEvaluationYear += 1;
        return requestEvaluation(event.year);
      case 'month':
        cursor.nextMonth = nextMonth(event.month);
        return startMonthlyCycle(event.month);
      case 'rotationEscalation':
        return escalateRotation();
    }
  };

  let anniversariesThisRun = 0;
  while (!isClosed()) {
    await proposeWhatIsDue();
    await launchSuccessor();
    if (isClosed()) break;
    const next = nextTimedEvent({ state: state(), effectiveFrom: input.effectiveFrom, cursor, policy, handover, rotationEscalation });
    const seen = machine.changes;
    const changed = next
      ? await condition(() => machine.changes !== seen, Math.max(next.at - Date.now(), 1))
      : (await condition(() => machine.changes !== seen), true);
    if (changed || !next) continue;
    const before = cursor.nextAnniversary;
    await runTimed(next);
    if (cursor.nextAnniversary !== before) anniversariesThisRun += 1;
    if (inActive() && (anniversariesThisRun >= ANNIVERSARIES_PER_RUN || workflowInfo().continueAsNewSuggested)) {
      await condition(allHandlersFinished);
      if (!inActive()) continue;
      const { value, context } = machine.snapshot;
      await continueAsNew<typeof assignmentWorkflow>({
        ...input,
        carried: { machine: { value, context }, steps: keys.issued, cursor, handover, autoProposals: [...autoProposals], rotationEscalation },
      });
    }
  }
  await condition(allHandlersFinished);
  return view();
}

function groundKey(ground: Ground): string {
  switch (ground.kind) {
    case 'VERIFIED_COMPLAINT':
      return `ground:complaint:${ground.complaintId}`;
    case 'NOT_COMPLETED_RATING':
    case 'AREA_PROPOSED_REPLACEMENT':
      return `ground:${ground.kind}:${ground.year}`;
    case 'POSITION_CHANGED':
      return 'ground:position';
  }
}

function groundReason(ground: Ground): string {
  switch (ground.kind) {
    case 'VERIFIED_COMPLAINT':
      return `Complaint ${ground.complaintId} verified as well-founded`;
    case 'NOT_COMPLETED_RATING':
      return `Rated "not completed" for ${ground.year}`;
    case 'AREA_PROPOSED_REPLACEMENT':
      return `The area's committee proposed a replacement in its ${ground.year} evaluation`;
    case 'POSITION_CHANGED':
      return `Position changed: ${ground.note}`;
  }
}

/**
 * Starts a workflow that outlives this run. Not a child workflow: months and successors outlast
 * continue-as-new and closing, and a child finishing after its parent's run closed was seen to stop
 * the time-skipping test server's clock.
 */
async function startOnce<W extends 'assignmentWorkflow' | 'monthlyCycleWorkflow' | 'annualEvaluationWorkflow'>(
  workflowType: W,
  workflowId: string,
  input: W extends 'assignmentWorkflow' ? AssignmentWorkflowInput : W extends 'monthlyCycleWorkflow' ? MonthlyCycleInput : AnnualEvaluationInput,
): Promise<void> {
  await records.startWorkflowOnce({ workflowType, workflowId, input });
}

