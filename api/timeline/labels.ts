/**
 * The timeline's words are labels/'s, the very tables the web application shows: this adapter gives the timeline route
 * what it needs, in Vietnamese (default) or English; an unknown action shows as itself.
 */
import { LABELS, type Language } from '../../labels';
import type * as Labels from '../../labels';
import type {
  ApprovalKind,
  AreaKind,
  ClosureReason,
  DeadlineSubject,
  EscalationTarget,
  Rating,
  Role,
} from '../../prisma/database';
import type { CONFIDENTIAL_READ } from '../audited-read';
import type { COMPLAINT_RECEIVED } from '../../domain/complaints/trail';
import type { OPINION_RECORDED } from '../../domain/opinions/writes';

export { LANGUAGES, type Language, timelineLabel } from '../../labels';

/** Who acted when nobody did: deadlines, reminders and escalations are the workflows' own doing. */
export function systemActorName(language: Language): string {
  return LABELS[language].messages['common.system'];
}

// labels/ may not import prisma/ nor api/, so it names some codes itself: here they are held equal to the database's
// enums and to the API's own audit actions, so that a new enum value or action fails tsc until it has its labels.
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type _LabelsKnowTheDatabaseAndTheApi = [
  Holds<Equal<Labels.AreaKind, AreaKind>>,
  Holds<Equal<Labels.ProposalKind, ApprovalKind>>,
  Holds<Equal<Labels.EscalationTarget, EscalationTarget>>,
  Holds<Equal<Labels.ClosureReason, ClosureReason>>,
  Holds<Equal<Labels.Rating, Rating>>,
  Holds<Equal<Labels.Role, Role>>,
  // The rotation decision's deadline steps are exact actions (ROTATION_DEADLINE_MISSED…).
  Holds<Equal<Labels.DeadlineSubject | 'ROTATION_DECISION', DeadlineSubject>>,
  Holds<typeof CONFIDENTIAL_READ extends Labels.AuditAction ? true : false>,
  Holds<typeof COMPLAINT_RECEIVED extends Labels.AuditAction ? true : false>,
  Holds<typeof OPINION_RECORDED extends Labels.AuditAction ? true : false>,
];
