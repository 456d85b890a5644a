import { z } from 'zod';
import type { Actor } from './actor';
import { RATINGS } from './annual-evaluation.machine';
import type { RuleViolation } from './rules';
import { LEADERSHIP, type Role } from './roles';
import type { YearlyCadence } from './yearly-cadence';

/**
 * The commune Party committee's year-end comment form (phiếu nhận xét) on the agency leader who monitors it (seed 001;
 * the flow after Quy định 213-QĐ/TW with Hướng dẫn 33-HD/BTCTW: request, form, due before the year-end review,
 * exemption with a reason). Its rules: the criteria of the programme's version, the four completion levels the product
 * already rates with, who sends it and who reads it. Pure.
 */

/** The comment forms of a link (an agency leader and the commune they monitor): one workflow, a year per run. */
export const communeCommentWorkflowId = (linkId: string) => `commune-comment-${linkId}`;
/** The form of a link for a year: its record. */
export const communeCommentId = (linkId: string, year: number) => `commune-comment-${linkId}-${year}`;

/** The four completion levels, the words the product already uses for a year's rating. */
export const COMMENT_LEVELS = RATINGS;
export const CommentLevelSchema = z.enum(COMMENT_LEVELS);
export type CommentLevel = z.infer<typeof CommentLevelSchema>;

export type CommentCriterion = NonNullable<YearlyCadence['comment']['criteria']>[number];

/** The criteria a version that names none asks about: seed 001's duties of a leader who monitors a commune. */
export const DEFAULT_COMMENT_CRITERIA: readonly CommentCriterion[] = [
  { key: 'SITUATION', label: 'Nắm tình hình, kết quả thực hiện nhiệm vụ chính trị của địa phương' },
  { key: 'GUIDANCE', label: 'Theo dõi, đôn đốc, hướng dẫn việc thực hiện chủ trương, nghị quyết ở cơ sở' },
  { key: 'PRESENCE', label: 'Dự hội nghị, làm việc với cấp ủy, đi cơ sở' },
  { key: 'PROPOSALS', label: 'Phản ánh, kiến nghị giải quyết khó khăn, vướng mắc của cơ sở' },
];

/** The criteria of a version's comment form. */
export const commentCriteriaOf = (comment: YearlyCadence['comment']): readonly CommentCriterion[] =>
  comment.criteria ?? DEFAULT_COMMENT_CRITERIA;

/** Whether the leader monitored reads the committee's form about them: only when the version says so. */
export const leaderReadsCommentOf = (comment: YearlyCadence['comment']): boolean => comment.leaderReadsComment ?? false;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** The committee's form: a level, a text per criterion, an overall comment, perhaps a request for another monitor. */
export const CommentFormSchema = z.object({
  level: CommentLevelSchema,
  criteria: z
    .array(z.object({ key: z.string().min(1).max(40), text: Text(4000) }))
    .min(1)
    .max(20),
  overall: Text(8000),
  /** The committee asks the Standing Committee for another monitor, and says why. */
  anotherMonitor: z.object({ reason: Text(4000) }).optional(),
});
export type CommentForm = z.infer<typeof CommentFormSchema>;

/** The committee cannot comment (the leader was appointed weeks ago, was absent all year…) and says why. */
export const CommentExemptionSchema = z.object({ reason: Text(4000) });
export type CommentExemption = z.infer<typeof CommentExemptionSchema>;

/** A form's states: waiting for its request day, requested and open (perhaps late), then sent, exempted or closed. */
export const COMMENT_STATES = [
  'WAITING',
  'REQUESTED',
  'MISSED',
  'ESCALATED',
  'SUBMITTED',
  'EXEMPTED',
  'NOT_RECEIVED',
] as const;
export type CommentState = (typeof COMMENT_STATES)[number];
export const OPEN_COMMENT_STATES: readonly CommentState[] = ['REQUESTED', 'MISSED', 'ESCALATED'];

/** Only the committee of the commune the form is about sends it or exempts it. */
export function committeeViolation(actor: Actor, areaId: string): RuleViolation | null {
  if (actor.roles.includes('AREA_COMMITTEE') && actor.areaId === areaId) return null;
  return { rule: 'NOT_THIS_COMMUNE_COMMITTEE', message: "Only the commune's own Party committee sends this form" };
}

/** The form answers each criterion of the version once, and no other. */
export function criteriaViolation(criteria: readonly CommentCriterion[], form: CommentForm): RuleViolation | null {
  const asked = criteria.map((c) => c.key).sort();
  const answered = form.criteria.map((c) => c.key).sort();
  if (asked.length === answered.length && asked.every((key, i) => key === answered[i])) return null;
  return {
    rule: 'COMMENT_CRITERIA_MISMATCH',
    message: `The form answers each of the version's criteria once: ${asked.join(', ')}`,
  };
}

/**
 * How much of a form a reader sees: FULL (the committee that wrote it, the agency's head, the Standing Committee's
 * members, the auditor; the leader monitored only when the version says so, even as the agency's head); GROUND (Board leadership, the Standing
 * Committee's secretariat: the state, the level and a request for another monitor with its reason, not the texts);
 * null: nothing (403).
 */
export type CommentVisibility = 'FULL' | 'GROUND';

/** The roles that may call the forms' reads; commentVisibility decides each form. */
export const COMMENT_READERS = [
  'AREA_COMMITTEE',
  'AGENCY_LEADER',
  'AGENCY_HEAD',
  'STANDING_COMMITTEE_MEMBER',
  'AUDITOR',
  ...LEADERSHIP,
] as const satisfies readonly Role[];

export interface CommentReader {
  userId: string;
  roles: readonly Role[];
  areaId?: string | undefined;
}

export interface CommentParties {
  areaId: string;
  leaderUserId: string;
  /** The heads of the leader's agency today. */
  headUserIds: readonly string[];
  leaderReadsComment: boolean;
}

export function commentVisibility(reader: CommentReader, parties: CommentParties): CommentVisibility | null {
  const has = (role: Role) => reader.roles.includes(role);
  // The leader monitored reads about themself only as the version says, even when they head the agency.
  if (reader.userId === parties.leaderUserId) return parties.leaderReadsComment ? 'FULL' : null;
  if (has('AREA_COMMITTEE') && reader.areaId === parties.areaId) return 'FULL';
  if (has('STANDING_COMMITTEE_MEMBER') || has('AUDITOR')) return 'FULL';
  if (has('AGENCY_HEAD') && parties.headUserIds.includes(reader.userId)) return 'FULL';
  if (reader.roles.some((role) => (LEADERSHIP as readonly Role[]).includes(role))) return 'GROUND';
  return null;
}
