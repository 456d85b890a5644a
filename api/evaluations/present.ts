import { type EvaluationVisibility, seesEvaluationPart } from '../../machines/access';
import type { AnnualEvaluation } from '../../prisma/database';
import { evaluationEntityId } from '../../domain/evaluations/reads';
import { type Evaluation, RatingSchema } from './schemas';

/** One evaluation as the caller may see it: the parts withheld from them are null. */
export function present(row: AnnualEvaluation, visibility: EvaluationVisibility): Evaluation {
  const seesCommittee = seesEvaluationPart(visibility, 'areaEvaluation');
  const seesRating = seesEvaluationPart(visibility, 'rating');
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    year: row.year,
    visibility,
    state: row.state,
    requestedAt: row.requestedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    receivedAt: row.receivedAt?.toISOString() ?? null,
    areaEvaluation:
      seesCommittee && row.receivedAt
        ? {
            submittedById: row.submittedById,
            responsibility: row.responsibility,
            method: row.method,
            coordination: row.coordination,
            contributions: row.contributions,
            shortcomings: row.shortcomings,
            groupLeaderAssessment: row.groupLeaderAssessment,
            proposesReplacement: row.proposesReplacement,
          }
        : null,
    proposal:
      seesEvaluationPart(visibility, 'proposal') && row.proposedRating
        ? { rating: RatingSchema.parse(row.proposedRating), notes: row.proposalNotes, proposedById: row.proposedById }
        : null,
    rating:
      seesRating && row.rating
        ? {
            rating: RatingSchema.parse(row.rating),
            ratedById: row.ratedById,
            ratedAt: row.ratedAt?.toISOString() ?? null,
          }
        : null,
    opinionSubject: { subjectType: 'AnnualEvaluation', subjectId: evaluationEntityId(row.assignmentId, row.year) },
  };
}
