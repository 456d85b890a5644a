/**
 * Whether a written decision may be accepted for an assignment's pending proposal, decided at the edge before the
 * approval is sent to the workflow, so nothing refused enters its history: its signer (signer.ts), not before the
 * proposal (machines/decision-dates.ts), and its number in the register (register.ts). The workflow's validator then
 * applies the machine's own rules (who decides, not dated after today, the effective date within the policy's window).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { dayOf } from '../../machines/calendar';
import { decisionBeforeProposal } from '../../machines/decision-dates';
import type { RuleViolation } from '../../machines/rules';
import type { DecisionKind, PrismaClient } from '../../prisma/database';
import { type ApproveArgs, assignmentStateQuery, type AssignmentView } from '../../workflows/assignment.messages';
import { RULE_VIOLATED } from '../../workflows/refusal';
import { Refusal } from '../errors';
import { type Reservation, reserveDecisionNumber } from './register';
import { assertSignerIsLeadership } from './signer';
import { assertAreaOpenTo } from '../assignments/area-rules';

const refuse = (violation: RuleViolation | null, path: string) => {
  if (violation) throw new Refusal(422, RULE_VIOLATED, violation.message, { rule: violation.rule, path });
};

/** What the decision decides: the appointment itself, or the pending proposal; null when nothing awaits a decision. */
async function underDecision(
  prisma: PrismaClient,
  handle: WorkflowHandle,
  view: AssignmentView,
): Promise<{ kind: DecisionKind; proposedOn: string | null } | null> {
  if (view.state === 'awaitingApproval') {
    // The appointment was proposed when its workflow started (its first step records it).
    const { startTime } = await handle.describe();
    return { kind: 'APPOINTMENT', proposedOn: dayOf(startTime.getTime()) };
  }
  if (!view.pendingProposal) return null;
  // A proposal is recorded before its update answers; one the system opened a moment ago may not be yet.
  const request = await prisma.approvalRequest.findUnique({
    where: { id: view.pendingProposal.id },
    select: { createdAt: true },
  });
  const kind = view.pendingProposal.kind as DecisionKind;
  return { kind, proposedOn: request ? dayOf(request.createdAt.getTime()) : null };
}

/**
 * The proposal awaiting a decision as its record shows it: kind and the day it was proposed. The workflow writes the
 * request in the same transaction as the proposal and closes it in the same as the decision, so an open request is a
 * pending proposal; answering from it spares the workflow's worker a query and the server a describe per approval
 * (issue 15.9: a third of an approval's time under load). None on record (a proposal the system opened a moment ago):
 * the workflow is asked.
 */
async function recordedUnderDecision(
  prisma: PrismaClient,
  assignmentId: string,
): Promise<{ kind: DecisionKind; proposedOn: string } | null> {
  const open = await prisma.approvalRequest.findMany({
    where: { assignmentId, status: 'PENDING', kind: { not: 'MEETING_ATTENDANCE' } },
    select: { kind: true, createdAt: true },
    take: 2,
  });
  if (open.length !== 1) return null;
  const [request] = open;
  return { kind: request!.kind as DecisionKind, proposedOn: dayOf(request!.createdAt.getTime()) };
}

/**
 * Refuses with 422 RuleViolated what the decision breaks, then takes its number in the register. Returns the
 * reservation, or null when the assignment has nothing to decide (the workflow then answers why, with 409 or 422).
 */
export async function assertDecisionAcceptable(
  prisma: PrismaClient,
  handle: WorkflowHandle,
  assignmentId: string,
  args: ApproveArgs,
): Promise<Reservation | null> {
  await assertSignerIsLeadership(prisma, args.decision.signerId);
  const asked = async () => {
    const view = await handle.query(assignmentStateQuery);
    if (!view.allowedEvents.includes('APPROVE')) return null;
    return underDecision(prisma, handle, view);
  };
  const decided = (await recordedUnderDecision(prisma, assignmentId)) ?? (await asked());
  if (!decided) return null;
  const { issuedOn } = args.decision;
  if (decided.proposedOn) refuse(decisionBeforeProposal(issuedOn, decided.proposedOn), 'decision.issuedOn');
  if (args.officialNextAreaId) {
    // The rotated official's next area follows the area rules as any proposal does (issue 11.6).
    if (!(await prisma.area.findUnique({ where: { id: args.officialNextAreaId }, select: { id: true } }))) {
      throw new Refusal(400, 'UNKNOWN_AREA', `No area ${args.officialNextAreaId}`, { path: 'officialNextAreaId' });
    }
    const { officialId } = await prisma.assignment.findUniqueOrThrow({
      where: { id: assignmentId },
      select: { officialId: true },
    });
    await assertAreaOpenTo(prisma, {
      assignmentId: `${assignmentId}-next-area`,
      areaId: args.officialNextAreaId,
      officialId,
    });
  }
  return reserveDecisionNumber(prisma, assignmentId, args.decision, decided.kind);
}

/** An update the workflow refused (validator or handler) or could not take (closed): the approval did not happen. */
const notApproved = (error: unknown) =>
  error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError;

/**
 * Sends an approval with its written decision: accepted at the edge first, its number held while the workflow
 * decides, given back if the workflow refuses it. An answer that never came (a timeout) keeps the number: the
 * approval may still land, and its record then keeps the row.
 */
export async function approveWithDecision<T>(
  prisma: PrismaClient,
  handle: WorkflowHandle,
  assignmentId: string,
  args: ApproveArgs,
  send: () => Promise<T>,
): Promise<T> {
  const reservation = await assertDecisionAcceptable(prisma, handle, assignmentId, args);
  try {
    return await send();
  } catch (error) {
    if (reservation && notApproved(error)) await reservation.release();
    throw error;
  }
}
