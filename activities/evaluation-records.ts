import type { AreaEvaluation, Rating } from '../machines/annual-evaluation.machine';
import { type AuditEntry, recordOnce, type WriteOutcome } from '../domain/audit/log';
import type { ActivityDeps } from './deps';
import { enqueueNotifications, type Notification } from '../domain/outbox';

export type EvaluationChange =
  | { kind: 'REQUESTED'; dueAt: string }
  | { kind: 'AREA_EVALUATION_RECEIVED'; submittedById: string; evaluation: AreaEvaluation }
  | { kind: 'RATING_PROPOSED'; proposedById: string; rating: Rating; notes: string }
  | { kind: 'RATED'; ratedById: string; rating: Rating };

export interface EvaluationStep extends Omit<AuditEntry, 'entityType' | 'entityId'> {
  assignmentId: string;
  year: number;
  toState: string;
  change: EvaluationChange;
  notifications?: Notification[] | undefined;
}

/** Stores one step of an annual evaluation; the evaluation's contents stay out of the audit payload (confidential). */
export function recordEvaluationStep(deps: ActivityDeps) {
  return async (step: EvaluationStep): Promise<WriteOutcome> => {
    const { change } = step;
    const summary = change.kind === 'RATED' || change.kind === 'RATING_PROPOSED' ? { rating: change.rating } : {};
    return recordOnce(
      deps.db,
      {
        ...step,
        entityType: 'AnnualEvaluation',
        entityId: `${step.assignmentId}/${step.year}`,
        payload: { year: step.year, change: change.kind, ...summary },
      },
      async (tx) => {
        const key = { assignmentId_year: { assignmentId: step.assignmentId, year: step.year } };
        const at = new Date(step.at);
        if (change.kind === 'REQUESTED') {
          await tx.annualEvaluation.create({
            data: {
              assignmentId: step.assignmentId,
              year: step.year,
              state: step.toState,
              requestedAt: at,
              dueAt: new Date(change.dueAt),
            },
          });
        } else if (change.kind === 'AREA_EVALUATION_RECEIVED') {
          await tx.annualEvaluation.update({
            where: key,
            data: { state: step.toState, receivedAt: at, submittedById: change.submittedById, ...change.evaluation },
          });
        } else if (change.kind === 'RATING_PROPOSED') {
          await tx.annualEvaluation.update({
            where: key,
            data: {
              state: step.toState,
              proposedRating: change.rating,
              proposalNotes: change.notes,
              proposedById: change.proposedById,
            },
          });
        } else {
          await tx.annualEvaluation.update({
            where: key,
            data: { state: step.toState, rating: change.rating, ratedById: change.ratedById, ratedAt: at },
          });
        }
        await enqueueNotifications(tx, step.idempotencyKey, step.at, step.notifications ?? []);
      },
    );
  };
}
