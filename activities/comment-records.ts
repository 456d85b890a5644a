import { commentLink } from '../domain/commune-comments/link';
import { type CommentStep, recordCommentStep as record } from '../domain/commune-comments/writes';
import type { ActivityDeps } from './deps';

export type { CommentStep } from '../domain/commune-comments/writes';

/** Stores one step of a commune committee's comment form, with its audit row and notices, once per key. */
export function recordCommentStep(deps: ActivityDeps) {
  return (step: CommentStep) => record(deps.db, step);
}

/** The link a comment form is about (programme, commune, leader, days); a read the workflow's history records. */
export function readCommentLink(deps: ActivityDeps) {
  return ({ linkId }: { linkId: string }) => commentLink(deps.db.prisma, linkId);
}
