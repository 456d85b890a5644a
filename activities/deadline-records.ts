import {
  type AuditedWrite,
  type AuditEntry,
  recordAllOnce,
  recordOnce,
  type Tx,
  type WriteOutcome,
} from '../domain/audit/log';
import type { ActivityDeps } from './deps';
import { enqueueNotifications, type Notification } from '../domain/outbox';

export type DeadlineSubject =
  | 'MONTHLY_PLAN'
  | 'MONTHLY_REPORT'
  | 'AREA_EVALUATION'
  | 'COMPLAINT_VERIFICATION'
  | 'ROTATION_DECISION'
  | 'MEETING_APPROVAL'
  | 'MEETING_REPORT';
export type EscalationTarget = 'GROUP_LEADER' | 'LEADER_IN_CHARGE' | 'HEAD_OF_BOARD';

export interface DeadlineRef {
  assignmentId: string;
  subject: DeadlineSubject;
  /** Period (YYYY-MM), year, or complaint id. */
  reference: string;
}

export type DeadlineChange =
  | { kind: 'OPENED'; dueAt: string }
  | { kind: 'REMINDED' }
  | { kind: 'MISSED'; escalation: { level: number; target: EscalationTarget; recipientId?: string | undefined } }
  | { kind: 'ESCALATED'; escalation: { level: number; target: EscalationTarget; recipientId?: string | undefined } }
  | { kind: 'MET' }
  | { kind: 'CLOSED_UNMET' }
  | { kind: 'CANCELLED' };

export interface DeadlineStep extends Omit<AuditEntry, 'entityType' | 'entityId'> {
  deadline: DeadlineRef;
  change: DeadlineChange;
  notifications?: Notification[] | undefined;
}

/** A deadline step as an audited write: its audit row, and the deadline's row, escalation and notices beside it. */
function deadlineWrite(step: DeadlineStep): AuditedWrite {
  const { assignmentId, subject, reference } = step.deadline;
  return {
    entry: {
      ...step,
      entityType: 'Deadline',
      entityId: `${assignmentId}/${subject}/${reference}`,
      assignmentId,
      payload: { ...step.payload, ...step.deadline, change: step.change },
    },
    write: async (tx: Tx) => {
      const key = { assignmentId_subject_reference: { assignmentId, subject, reference } };
      const at = new Date(step.at);
      const change = step.change;
      if (change.kind === 'OPENED') {
        await tx.deadline.upsert({
          where: key,
          update: {},
          create: { assignmentId, subject, reference, dueAt: new Date(change.dueAt) },
        });
      } else if (change.kind === 'REMINDED') {
        await tx.deadline.update({ where: key, data: { remindedAt: at } });
      } else if (change.kind === 'MISSED' || change.kind === 'ESCALATED') {
        const deadline = await tx.deadline.update({
          where: key,
          data: {
            escalationLevel: change.escalation.level,
            ...(change.kind === 'MISSED' ? { status: 'MISSED', missedAt: at } : {}),
          },
        });
        await tx.escalation.create({
          data: {
            deadlineId: deadline.id,
            level: change.escalation.level,
            target: change.escalation.target,
            recipientId: change.escalation.recipientId ?? null,
            at,
          },
        });
      } else if (change.kind === 'MET') {
        await tx.deadline.update({ where: key, data: { status: 'MET', metAt: at } });
      } else if (change.kind === 'CANCELLED') {
        await tx.deadline.update({ where: key, data: { status: 'CANCELLED' } });
      }
      // CLOSED_UNMET leaves the deadline MISSED; the audit row says the filing never came.
      await enqueueNotifications(tx, step.idempotencyKey, step.at, step.notifications ?? []);
    },
  };
}

/** Records a deadline opening, reminder, miss (against the official), escalation, or its end. */
export function recordDeadlineStep(deps: ActivityDeps) {
  return async (step: DeadlineStep): Promise<WriteOutcome> => {
    const { entry, write } = deadlineWrite(step);
    return recordOnce(deps.db, entry, write);
  };
}

/**
 * Records deadline steps taken together, in their order, in one transaction: the steps of a month whose
 * deadlines had all passed when its workflow reached them, one write instead of a dozen.
 */
export function recordDeadlineSteps(deps: ActivityDeps) {
  return async (steps: DeadlineStep[]): Promise<WriteOutcome[]> => recordAllOnce(deps.db, steps.map(deadlineWrite));
}
