/**
 * Lodging a complaint the Board received: checked, written to the audit trail with the day received, then handed to
 * its workflow, which stores the record and runs the verification deadline.
 */
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { loadNonWorkingDays } from '../../activities/calendar';
import { assignmentPolicyInForce } from '../../domain/programmes/reads';
import { headOfBoardId } from '../../domain/parties';
import { dayOf } from '../../machines/calendar';
import { complaintStateQuery, type ComplaintView } from '../../workflows/complaint.messages';
import { type ComplaintInput, complaintWorkflow } from '../../workflows/complaint.workflow';
import { assignmentWorkflowId } from '../../workflows/ids';
import type { Principal } from '../../domain/auth/principal';
import { awaitRecord } from '../await-record';
import { Refusal } from '../errors';
import type { RouteDeps } from '../deps';
import type { LodgeBody } from './schemas';
import { complaintOnRecord, complaintSubject } from '../../domain/complaints/reads';
import { recordReceipt } from '../../domain/complaints/trail';
import { complaintHandle } from './workflow';

const DEFAULT_SOURCE = 'Đơn thư';

/** A retry with the same Idempotency-Key lodges the same complaint; without one, a fresh id. */
function complaintIdFor(userId: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return randomUUID();
  const hex = createHash('sha256').update(`complaint\n${userId}\n${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface Lodging {
  who: Principal;
  body: LodgeBody;
  idempotencyKey: string | undefined;
}

export async function lodgeComplaint(
  { prisma, provider, temporal, taskQueue }: RouteDeps,
  { who, body, idempotencyKey }: Lodging,
): Promise<ComplaintView> {
  const db = { prisma, provider };
  if (body.receivedOn > dayOf(Date.now())) {
    throw new Refusal(400, 'INVALID_INPUT', 'The request is invalid', {
      issues: [{ path: 'receivedOn', message: 'a complaint cannot be received in the future' }],
    });
  }
  const assignment = await complaintSubject(prisma, who.actor, body.assignmentId);
  const complaintId = complaintIdFor(who.userId, idempotencyKey);
  const now = new Date();
  const year = Number(dayOf(Date.now()).slice(0, 4));
  const [head, nonWorkingDays] = await Promise.all([
    headOfBoardId(prisma),
    loadNonWorkingDays({ db, temporal: { client: temporal, taskQueue } })({ fromYear: year, toYear: year + 2 }),
  ]);

  // On the audit chain before the workflow files it.
  await recordReceipt(db, {
    complaintId,
    assignmentId: assignment.id,
    receivedOn: body.receivedOn,
    recordedBy: { actorId: who.actor.id, userId: who.userId },
    at: now,
  });
  const input: ComplaintInput = {
    complaintId,
    assignmentId: assignment.id,
    assignmentWorkflowId: assignmentWorkflowId(assignment.id),
    officialId: assignment.officialId,
    filedBy: who.actor.id,
    summary: body.summary,
    source: body.source ?? DEFAULT_SOURCE,
    headOfBoardId: head ?? undefined,
    policy: (await assignmentPolicyInForce(prisma, assignment.id)).policy.complaint,
    nonWorkingDays,
  };
  const handle = complaintHandle(temporal, complaintId);
  try {
    await temporal.workflow.start(complaintWorkflow, {
      taskQueue,
      workflowId: handle.workflowId,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  // The workflow's first step stores the record: a GET right after the answer finds it.
  await awaitRecord(() => complaintOnRecord(prisma, complaintId));
  return handle.query(complaintStateQuery);
}
