import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ActorSchema } from '../machines/actor';
import { CommentExemptionSchema, CommentFormSchema, type CommentState } from '../machines/commune-comment';

export { communeCommentId, communeCommentWorkflowId } from '../machines/commune-comment';

export const SubmitCommentArgsSchema = z.strictObject({ actor: ActorSchema, form: CommentFormSchema });
export type SubmitCommentArgs = z.infer<typeof SubmitCommentArgsSchema>;

export const ExemptCommentArgsSchema = z.strictObject({ actor: ActorSchema, exemption: CommentExemptionSchema });
export type ExemptCommentArgs = z.infer<typeof ExemptCommentArgsSchema>;

export interface CommentView {
  id: string;
  linkId: string;
  year: number;
  state: CommentState;
  allowedEvents: string[];
  /** The version followed, once the form was requested. */
  policyVersion: string | null;
  requestOn: string | null;
  dueAt: string | null;
}

export const submitCommentUpdate = defineUpdate<CommentView, [SubmitCommentArgs]>('submitComment');
export const exemptCommentUpdate = defineUpdate<CommentView, [ExemptCommentArgs]>('exemptComment');
export const commentStateQuery = defineQuery<CommentView>('commentState');
