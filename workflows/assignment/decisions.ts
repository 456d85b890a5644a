import { getExternalWorkflowHandle, TemporalFailure, uuid4 } from '@temporalio/workflow';
import type { Actor } from '../../machines/actor';
import type { NoticeTemplate } from '../../labels/notifications';
import type { AssignmentEvent, Proposal } from '../../machines/assignment.machine';
import type { DecisionWindow } from '../../machines/decision-dates';
import type {
  ApproveArgs,
  AssignmentView,
  ProposeArgs,
  RejectArgs,
  ReportPositionChangeArgs,
  WithdrawArgs,
} from '../assignment.messages';
import { complaintActedOnSignal } from '../cross-workflow.messages';
import { complaintWorkflowId } from '../ids';
import { nowIso } from '../step-keys';
import type { AssignmentRun } from './run-state';

/**
 * People's decisions, the assignment's update handlers, registered as they are (the wiring adds no step of its
 * own, so each keeps its place among the other coroutines). Each first waits for the proposal's record, validates
 * again (another update may have landed since its validator ran), applies the event and records it. The caller
 * learns at once whether the machine allowed it.
 */

/** The notice of each kind of proposal to the leader who decides it. */
const PROPOSAL_NOTICE: Record<Proposal['kind'], NoticeTemplate> = {
  ROTATION: 'proposal.rotation',
  EARLY_REASSIGNMENT: 'proposal.early_reassignment',
  BOARD_REASSIGNMENT: 'proposal.board_reassignment',
  CLOSURE: 'proposal.closure',
};

async function tellComplaint(proposal: Proposal, action: 'REASSIGNMENT_APPROVED' | 'REASSIGNMENT_REJECTED') {
  if (proposal.kind !== 'EARLY_REASSIGNMENT' || proposal.ground.kind !== 'VERIFIED_COMPLAINT') return;
  try {
    await getExternalWorkflowHandle(complaintWorkflowId(proposal.ground.complaintId)).signal(complaintActedOnSignal, {
      action,
    });
  } catch (error) {
    if (!(error instanceof TemporalFailure)) throw error;
  }
}

/**
 * A person's approval as the machine sees it. The validator dates it by the workflow's clock, so a decision dated
 * after today is refused before it is accepted, and gives it the appointment's effective date and the policy's window
 * (EFFECTIVE_BEFORE_DECISION); the handler does neither, so histories accepted before those rules existed replay as
 * they ran (validators do not run on replay, handlers do).
 */
export function approveEvent(
  args: ApproveArgs,
  today?: string,
  effectiveWindow?: { appointmentEffectiveFrom: string; window: DecisionWindow },
): AssignmentEvent {
  return {
    type: 'APPROVE',
    actor: args.actor,
    decision: args.decision,
    comment: args.comment,
    successorOfficialId: args.successorOfficialId,
    today,
    ...(effectiveWindow && { successorEffectiveFrom: args.successorEffectiveFrom, effectiveWindow }),
  };
}

export async function approve(run: AssignmentRun, args: ApproveArgs): Promise<AssignmentView> {
  await run.afterProposal();
  const { input } = run;
  const { assignmentId, areaId, officialId, policy } = input;
  const event = approveEvent(args);
  run.machine.validate(event);
  const proposal = run.snapshot.context.pending;
  const states = run.machine.apply(event);
  const decision = {
    ...args.decision,
    summary: args.decision.summary ?? (proposal ? `${proposal.kind}: ${proposal.reason}` : input.reason),
  };
  if (!proposal) {
    await run.persist({
      action: 'APPOINTMENT_APPROVED',
      actorId: args.actor.id,
      ...states,
      decision: { ...decision, kind: 'APPOINTMENT' },
      appointmentDecision: true,
      closeApproval: {
        requestId: run.appointmentRequestId,
        outcome: 'APPROVED',
        decidedById: args.actor.id,
        comment: args.comment,
      },
      notifications: [
        {
          recipientId: officialId,
          template: 'assignment.approved',
          payload: { assignmentId, effectiveFrom: input.effectiveFrom },
        },
      ],
    });
    return run.view();
  }
  if (!run.isClosed()) {
    run.handover = {
      successorAssignmentId: uuid4(),
      successorEffectiveFrom: args.successorEffectiveFrom ?? args.decision.issuedOn,
      officialNextAreaId: args.officialNextAreaId,
      approver: args.actor,
      launched: false,
    };
  }
  await run.persist({
    action: `${proposal.kind}_APPROVED`,
    actorId: args.actor.id,
    ...states,
    decision: { ...decision, kind: proposal.kind },
    closeApproval: { requestId: proposal.id, outcome: 'APPROVED', decidedById: args.actor.id, comment: args.comment },
    payload: {
      proposalId: proposal.id,
      successorOfficialId: run.snapshot.context.handover?.successorOfficialId ?? null,
      successorEffectiveFrom: run.handover?.successorEffectiveFrom ?? null,
    },
  });
  if (run.snapshot.context.yearsServed >= policy.rotation.eligibleAfterYears && !run.rotationEscalation) {
    // The rotation decision was due by the mandatory term; taken in time, the deadline is met.
    await run.recordDeadline({
      idempotencyKey: run.keys.next('ROTATION_DEADLINE_MET'),
      at: nowIso(),
      actorId: args.actor.id,
      action: 'ROTATION_DEADLINE_MET',
      deadline: run.rotationDeadline,
      change: { kind: 'MET' },
    });
  }
  if (run.isClosed()) {
    await run.persist({
      action: 'ASSIGNMENT_CLOSED',
      actorId: args.actor.id,
      ...states,
      payload: { closureReason: run.snapshot.context.closureReason, areaLeftUnmonitored: true },
      notifications: [
        { recipientId: run.parties?.leaderInChargeId, template: 'area.unmonitored', payload: { areaId, assignmentId } },
      ],
    });
  }
  await tellComplaint(proposal, 'REASSIGNMENT_APPROVED');
  return run.view();
}

export async function reject(run: AssignmentRun, args: RejectArgs): Promise<AssignmentView> {
  await run.afterProposal();
  run.machine.validate({ type: 'REJECT', ...args });
  const proposal = run.snapshot.context.pending;
  const states = run.machine.apply({ type: 'REJECT', ...args });
  await run.persist({
    action: proposal ? `${proposal.kind}_REJECTED` : 'APPOINTMENT_REJECTED',
    actorId: args.actor.id,
    ...states,
    closeApproval: {
      requestId: proposal?.id ?? run.appointmentRequestId,
      outcome: 'REJECTED',
      decidedById: args.actor.id,
      comment: args.comment,
    },
    payload: { comment: args.comment },
  });
  if (proposal) await tellComplaint(proposal, 'REASSIGNMENT_REJECTED');
  return run.view();
}

export async function withdraw(run: AssignmentRun, args: WithdrawArgs): Promise<AssignmentView> {
  await run.afterProposal();
  run.machine.validate({ type: 'WITHDRAW', ...args });
  const proposal = run.snapshot.context.pending;
  const states = run.machine.apply({ type: 'WITHDRAW', ...args });
  await run.persist({
    action: proposal ? `${proposal.kind}_WITHDRAWN` : 'APPOINTMENT_WITHDRAWN',
    actorId: args.actor.id,
    ...states,
    closeApproval: {
      requestId: proposal?.id ?? run.appointmentRequestId,
      outcome: 'WITHDRAWN',
      decidedById: args.actor.id,
    },
  });
  return run.view();
}

/** Opens a proposal for leadership to decide: a person's (propose) or the system's (see time.ts). */
export async function openProposal(
  run: AssignmentRun,
  actor: Actor,
  proposal: Extract<AssignmentEvent, { type: 'PROPOSE' }>['proposal'],
): Promise<void> {
  const { assignmentId } = run.input;
  const states = run.machine.apply({ type: 'PROPOSE', actor, proposal });
  const opened = run.snapshot.context.pending!;
  const leaders = await run.loadParties();
  await run.persist({
    action: `${proposal.kind}_PROPOSED`,
    actorId: actor.id,
    ...states,
    openApproval: {
      id: opened.id,
      kind: proposal.kind,
      proposedById: actor.id,
      reason: proposal.reason,
      payload: { ...proposal },
    },
    notifications: [
      {
        recipientId: leaders.leaderInChargeId,
        template: PROPOSAL_NOTICE[proposal.kind],
        payload: { assignmentId, proposalId: opened.id },
      },
    ],
  });
}

export async function propose(run: AssignmentRun, args: ProposeArgs): Promise<AssignmentView> {
  await run.afterProposal();
  run.machine.validate({ type: 'PROPOSE', ...args });
  await openProposal(run, args.actor, args.proposal);
  return run.view();
}

type GroundEstablished = Extract<AssignmentEvent, { type: 'GROUND_ESTABLISHED' }>;

/** A person's report of a position change: the machine checks that they are one of those who report it. */
export const positionChangeEvent = ({ actor, note }: ReportPositionChangeArgs): GroundEstablished => ({
  type: 'GROUND_ESTABLISHED',
  ground: { kind: 'POSITION_CHANGED', note },
  actor,
});

/** Records an established ground: reported by a person (a position change) or by another workflow (signals.ts). */
export async function establishGround(run: AssignmentRun, event: GroundEstablished, actorId: string): Promise<void> {
  const states = run.machine.apply(event);
  await run.persist({ action: 'GROUND_ESTABLISHED', actorId, ...states, payload: { ground: event.ground } });
}

export async function reportPositionChange(
  run: AssignmentRun,
  args: ReportPositionChangeArgs,
): Promise<AssignmentView> {
  await run.afterProposal();
  const event = positionChangeEvent(args);
  run.machine.validate(event);
  await establishGround(run, event, args.actor.id);
  return run.view();
}
