/**
 * Whether a written decision may be accepted for an assignment's pending proposal, decided at the edge before the
 * approval is sent to the workflow, so nothing refused enters its history: its signer (domain/decisions/signer.ts), not
 * before the proposal (machines/decision-dates.ts), and its number in the register (domain/decisions/register.ts). The
 * workflow's validator then applies the machine's own rules (who decides, not dated after today, the effective date
 * within the policy's window).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { dayOf } from '../../machines/calendar';
import { decisionBeforeProposal } from '../../machines/decision-dates';
import type { RuleViolation } from '../../machines/rules';
import type { DecisionKind, PrismaClient } from '../../prisma/database';
import { type ApproveArgs, assignmentStateQuery, type AssignmentView } from '../../workflows/assignment.messages';
import { RULE_VIOLATED } from '../../workflows/refusal';
import { assertNextAreaOpen, proposalRecordedOn, recordedUnderDecision } from '../../domain/decisions/acceptance';
import { type Reservation, reserveDecisionNumber } from '../../domain/decisions/register';
import { assertSignerIsLeadership } from '../../domain/decisions/signer';
import { Refusal } from '../errors';

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
  const kind = view.pendingProposal.kind as DecisionKind;
  return { kind, proposedOn: await proposalRecordedOn(prisma, view.pendingProposal.id) };
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
  if (args.officialNextAreaId) await assertNextAreaOpen(prisma, assignmentId, args.officialNextAreaId);
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
