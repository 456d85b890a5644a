/**
 * The steps of a commune committee's comment form, as its workflow records them: each one row change and its audit row
 * in one transaction, once per key. The form's texts stay out of the audit payload (confidential); the payload names
 * the step, the version followed and whether the committee asks for another monitor (a ground the Standing Committee
 * decides).
 */
import type { CommentForm, CommentState } from '../../machines/commune-comment';
import type { Database } from '../../prisma/database';
import { type AuditEntry, recordOnce, type WriteOutcome } from '../audit/log';
import { enqueueNotifications, type Notification } from '../outbox';

export type CommentChange =
  | { kind: 'REQUESTED'; programmeId: string; areaId: string; memberId: string; dueAt: string }
  | { kind: 'REMINDED' }
  | { kind: 'MISSED' }
  | { kind: 'ESCALATED' }
  | { kind: 'SUBMITTED'; submittedById: string; form: CommentForm }
  | { kind: 'EXEMPTED'; submittedById: string; reason: string }
  | { kind: 'CLOSED' };

export interface CommentStep extends Omit<AuditEntry, 'entityType' | 'entityId' | 'payload' | 'toState'> {
  commentId: string;
  linkId: string;
  year: number;
  policyVersion: string;
  toState: CommentState;
  change: CommentChange;
  notifications?: Notification[] | undefined;
}

export const COMMUNE_COMMENT = 'CommuneComment';

export async function recordCommentStep(
  db: Pick<Database, 'prisma' | 'provider'>,
  step: CommentStep,
): Promise<WriteOutcome> {
  const { change, commentId: id } = step;
  const asksAnotherMonitor = change.kind === 'SUBMITTED' && change.form.anotherMonitor !== undefined;
  return recordOnce(
    db,
    {
      idempotencyKey: step.idempotencyKey,
      at: step.at,
      actorId: step.actorId,
      action: step.action,
      fromState: step.fromState,
      toState: step.toState,
      entityType: COMMUNE_COMMENT,
      entityId: id,
      payload: {
        linkId: step.linkId,
        year: step.year,
        change: change.kind,
        policyVersion: step.policyVersion,
        ...(asksAnotherMonitor && { requestsAnotherMonitor: true }),
      },
    },
    async (tx) => {
      const at = new Date(step.at);
      const state = step.toState;
      switch (change.kind) {
        case 'REQUESTED':
          await tx.communeComment.create({
            data: {
              id,
              linkId: step.linkId,
              year: step.year,
              programmeId: change.programmeId,
              areaId: change.areaId,
              memberId: change.memberId,
              policyVersion: step.policyVersion,
              state,
              requestedAt: at,
              dueAt: new Date(change.dueAt),
            },
          });
          break;
        case 'REMINDED':
          await tx.communeComment.update({ where: { id }, data: { remindedAt: at } });
          break;
        case 'MISSED':
          await tx.communeComment.update({ where: { id }, data: { state, missedAt: at } });
          break;
        case 'ESCALATED':
          await tx.communeComment.update({ where: { id }, data: { state, escalatedAt: at } });
          break;
        case 'SUBMITTED':
          await tx.communeComment.update({
            where: { id },
            data: {
              state,
              receivedAt: at,
              submittedById: change.submittedById,
              level: change.form.level,
              criteria: change.form.criteria,
              overall: change.form.overall,
              requestsAnotherMonitor: asksAnotherMonitor,
              anotherMonitorReason: change.form.anotherMonitor?.reason ?? null,
            },
          });
          break;
        case 'EXEMPTED':
          await tx.communeComment.update({
            where: { id },
            data: { state, receivedAt: at, submittedById: change.submittedById, exemptionReason: change.reason },
          });
          break;
        case 'CLOSED':
          await tx.communeComment.update({ where: { id }, data: { state, closedAt: at } });
          break;
      }
      await enqueueNotifications(tx, step.idempotencyKey, step.at, step.notifications ?? []);
    },
  );
}
