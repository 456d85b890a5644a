import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ActorSchema } from '../machines/actor';

export const StartVerificationArgsSchema = z.strictObject({ actor: ActorSchema });
export type StartVerificationArgs = z.infer<typeof StartVerificationArgsSchema>;

export const RecordVerificationArgsSchema = z.strictObject({
  actor: ActorSchema,
  outcome: z.enum(['WELL_FOUNDED', 'UNFOUNDED']),
  findings: z.string().trim().min(1, 'the findings of the verification are required').max(50_000),
});
export type RecordVerificationArgs = z.infer<typeof RecordVerificationArgsSchema>;

export interface ComplaintView {
  complaintId: string;
  assignmentId: string;
  state: string;
  allowedEvents: string[];
  verificationDueAt: string;
}

export const startVerificationUpdate = defineUpdate<ComplaintView, [StartVerificationArgs]>('startVerification');
export const recordVerificationUpdate = defineUpdate<ComplaintView, [RecordVerificationArgs]>('recordVerification');
export const complaintStateQuery = defineQuery<ComplaintView>('complaintState');
