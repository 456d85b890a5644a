import type { ComplaintOutcome } from '../machines/complaint.machine';
import { type AuditEntry, recordOnce, type WriteOutcome } from '../domain/audit/log';
import type { ActivityDeps } from './deps';
import { enqueueNotifications, type Notification } from '../domain/outbox';

export type ComplaintChange =
  | {
      kind: 'FILED';
      workflowId: string;
      officialId: string;
      summary: string;
      source: string;
      filedById: string;
      verificationDueAt: string;
    }
  | { kind: 'VERIFICATION_STARTED' }
  | { kind: 'VERIFIED'; outcome: ComplaintOutcome; findings: string; verifiedById: string }
  | { kind: 'ACTED_ON'; action: string };

export interface ComplaintStep extends Omit<AuditEntry, 'entityType' | 'entityId'> {
  complaintId: string;
  assignmentId: string;
  toState: string;
  change: ComplaintChange;
  notifications?: Notification[] | undefined;
}

/** Stores one step of a complaint; its text stays out of the audit payload (confidential, Đ7.A.6). */
export function recordComplaintStep(deps: ActivityDeps) {
  return async (step: ComplaintStep): Promise<WriteOutcome> => {
    const { change } = step;
    const outcome = change.kind === 'VERIFIED' ? { outcome: change.outcome } : {};
    return recordOnce(
      deps.db,
      { ...step, entityType: 'Complaint', entityId: step.complaintId, payload: { change: change.kind, ...outcome } },
      async (tx) => {
        const at = new Date(step.at);
        if (change.kind === 'FILED') {
          await tx.complaint.create({
            data: {
              id: step.complaintId,
              workflowId: change.workflowId,
              assignmentId: step.assignmentId,
              officialId: change.officialId,
              summary: change.summary,
              source: change.source,
              state: step.toState,
              filedById: change.filedById,
              filedAt: at,
              verificationDueAt: new Date(change.verificationDueAt),
            },
          });
        } else {
          await tx.complaint.update({ where: { id: step.complaintId }, data: { state: step.toState } });
          if (change.kind === 'VERIFIED') {
            await tx.complaintVerification.create({
              data: {
                complaintId: step.complaintId,
                outcome: change.outcome,
                findings: change.findings,
                verifiedById: change.verifiedById,
                verifiedAt: at,
              },
            });
          }
        }
        // A complaint lodged goes to its verifiers (point 9): the internal political security department (Đ13.3).
        const lodged: Notification[] =
          change.kind === 'FILED'
            ? [
                {
                  recipientRole: 'AUDITOR',
                  template: 'complaint.filed',
                  payload: { complaintId: step.complaintId, verificationDueAt: change.verificationDueAt },
                },
              ]
            : [];
        await enqueueNotifications(tx, step.idempotencyKey, step.at, [...(step.notifications ?? []), ...lodged]);
      },
    );
  };
}
