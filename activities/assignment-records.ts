import type { ClosureReason } from '../machines/assignment.machine';
import { registerPlace } from '../machines/decision-number';
import { type AuditEntry, recordOnce, type Tx, type WriteOutcome } from '../domain/audit/log';
import type { ActivityDeps } from './deps';
import { enqueueNotifications, type Notification } from '../domain/outbox';
import { registerCalendar } from '../domain/papers/terms';

export interface AssignmentRecord {
  id: string;
  workflowId: string;
  areaId: string;
  officialId: string;
  groupId?: string | undefined;
  proposedById: string;
  effectiveFrom: string;
  rotationEligibleAt: string;
  rotationDueAt: string;
  predecessorId?: string | undefined;
  /** The start of the years counted for rotation, when carried from before the effective date. */
  servedFrom?: string | undefined;
  approvedById?: string | undefined;
  closedAt?: string | undefined;
  closureReason?: ClosureReason | undefined;
}

export interface DecisionRecord {
  number: string;
  issuedOn: string;
  signerId: string;
  summary: string;
  kind: 'APPOINTMENT' | 'ROTATION' | 'EARLY_REASSIGNMENT' | 'BOARD_REASSIGNMENT' | 'CLOSURE';
}

export interface ApprovalOpened {
  id: string;
  kind: 'APPOINTMENT' | 'ROTATION' | 'EARLY_REASSIGNMENT' | 'BOARD_REASSIGNMENT' | 'CLOSURE';
  proposedById: string;
  reason: string;
  payload: Record<string, unknown>;
}

export interface ApprovalClosed {
  requestId: string;
  outcome: 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
  decidedById: string;
  comment?: string | undefined;
}

export interface AssignmentTransition extends AuditEntry {
  assignment: AssignmentRecord;
  toState: string;
  decision?: DecisionRecord | undefined;
  /** True when this decision is the assignment's own appointment decision. */
  appointmentDecision?: boolean | undefined;
  openApproval?: ApprovalOpened | undefined;
  closeApproval?: ApprovalClosed | undefined;
  notifications?: Notification[] | undefined;
}

const sameDecision = (row: { issuedOn: Date; signerId: string }, decision: DecisionRecord): boolean =>
  row.issuedOn.getTime() === new Date(decision.issuedOn).getTime() && row.signerId === decision.signerId;

/**
 * The decision's row in the register. The approval's own: the one the API reserved for it before
 * sending the approval (the reservation is cleared here), or a new one. The same decision again (same place in the
 * register, date and signer) is the same row: a rotation appoints the successor under the decision that rotated the
 * predecessor. A place another decision holds is never linked to: reached only by a path that skipped the API's
 * reservation, the decision the history carries is recorded outside the register, as are numbers written before the
 * register's format, rather than failing for ever.
 */
async function recordDecision(tx: Tx, decision: DecisionRecord, assignmentId: string): Promise<string> {
  const fields = {
    number: decision.number,
    issuedOn: new Date(decision.issuedOn),
    signerId: decision.signerId,
    summary: decision.summary,
    kind: decision.kind,
  };
  const place = registerPlace(decision.number, decision.issuedOn, await registerCalendar(tx));
  if (place) {
    const { register, periodStart, sequence } = place;
    const held = await tx.decision.findUnique({
      where: { register_periodStart_sequence: { register, periodStart, sequence } },
      select: heldSelect,
    });
    if (held && sameDecision(held, decision)) {
      if (held.reservedAt) {
        await tx.decision.update({ where: { id: held.id }, data: { ...fields, reservedAt: null } });
      }
      return held.id;
    }
    if (!held) {
      const row = await tx.decision.create({
        data: { ...fields, ...place, heldByAssignmentId: assignmentId },
        select: { id: true },
      });
      return row.id;
    }
  }
  const same = await tx.decision.findFirst({
    where: { number: decision.number, register: null, issuedOn: fields.issuedOn, signerId: decision.signerId },
    select: { id: true },
  });
  if (same) return same.id;
  const row = await tx.decision.create({ data: { ...fields, heldByAssignmentId: assignmentId }, select: { id: true } });
  return row.id;
}

const heldSelect = { id: true, issuedOn: true, signerId: true, reservedAt: true } as const;

/**
 * Persists one transition of an assignment: the read model, the written decision, the approval
 * request or its decision, the outbox, and the audit row, all in one transaction, once.
 */
export function recordAssignmentTransition(deps: ActivityDeps) {
  return async (step: AssignmentTransition): Promise<WriteOutcome> =>
    recordOnce(
      deps.db,
      {
        ...step,
        entityType: 'Assignment',
        entityId: step.assignment.id,
        assignmentId: step.assignment.id,
        decisionNumber: step.decision?.number,
      },
      async (tx) => {
        const a = step.assignment;
        const decisionId = step.decision ? await recordDecision(tx, step.decision, step.assignment.id) : undefined;
        const changes = {
          state: step.toState,
          approvedById: a.approvedById ?? undefined,
          closedAt: a.closedAt ? new Date(a.closedAt) : undefined,
          closureReason: a.closureReason ?? undefined,
          ...(step.appointmentDecision && decisionId ? { decisionId } : {}),
          // Years carried move the rotation's dates with them.
          ...(a.servedFrom && {
            servedFrom: new Date(a.servedFrom),
            rotationEligibleAt: new Date(a.rotationEligibleAt),
            rotationDueAt: new Date(a.rotationDueAt),
          }),
        };
        await tx.assignment.upsert({
          where: { id: a.id },
          update: changes,
          create: {
            id: a.id,
            workflowId: a.workflowId,
            areaId: a.areaId,
            officialId: a.officialId,
            groupId: a.groupId ?? null,
            proposedById: a.proposedById,
            effectiveFrom: new Date(a.effectiveFrom),
            rotationEligibleAt: new Date(a.rotationEligibleAt),
            rotationDueAt: new Date(a.rotationDueAt),
            predecessorId: a.predecessorId ?? null,
            ...changes,
          },
        });
        if (step.openApproval) {
          const o = step.openApproval;
          await tx.approvalRequest.create({
            data: {
              id: o.id,
              assignmentId: a.id,
              kind: o.kind,
              proposedById: o.proposedById,
              reason: o.reason,
              payload: o.payload as object,
              createdAt: new Date(step.at),
            },
          });
        }
        if (step.closeApproval) {
          const c = step.closeApproval;
          await tx.approvalRequest.update({ where: { id: c.requestId }, data: { status: c.outcome } });
          await tx.approvalDecision.create({
            data: {
              requestId: c.requestId,
              outcome: c.outcome,
              decidedById: c.decidedById,
              comment: c.comment ?? null,
              decisionId: decisionId ?? null,
              decidedAt: new Date(step.at),
            },
          });
        }
        await enqueueNotifications(tx, step.idempotencyKey, step.at, step.notifications ?? []);
      },
    );
}
