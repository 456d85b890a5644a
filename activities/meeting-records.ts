import { type AuditEntry, recordOnce, type WriteOutcome } from '../domain/audit/log';
import type { ActivityDeps } from './deps';
import { enqueueNotifications, type Notification } from '../domain/outbox';

export type MeetingChange =
  | {
      kind: 'RECORDED';
      workflowId: string;
      areaId: string;
      groupId: string | undefined;
      body: string;
      startsAt: string;
      place: string;
      agenda: string;
      invitedId: string;
      recordedById: string;
    }
  | { kind: 'REQUESTED'; attendeeId: string; additionalMemberIds: string[] }
  | { kind: 'DECIDED'; approved: boolean; decidedById: string; note: string | undefined }
  | { kind: 'DELEGATED'; memberId: string }
  | {
      kind: 'MOVED';
      fromStartsAt: string;
      toStartsAt: string;
      fromPlace: string;
      toPlace: string;
      reason: string;
      movedById: string;
    }
  | { kind: 'CANCELLED'; reason: string; cancelledById: string }
  /** The meeting's start passed: the state says how (held, not approved in time…); a report is due from then. */
  | { kind: 'STARTED'; reportDueAt: string }
  | { kind: 'ENDED' }
  | {
      kind: 'REPORTED';
      notes: string;
      remarks: string;
      mattersForLeadership: string;
      personnelNotes: string | undefined;
      filedById: string;
      late: boolean;
      withoutApproval: boolean;
    };

export interface MeetingStep extends Omit<AuditEntry, 'entityType' | 'entityId'> {
  meetingId: string;
  assignmentId: string;
  toState: string;
  change: MeetingChange;
  notifications?: Notification[] | undefined;
}

/** What of a change the audit row carries: never the report's text, whose personnel notes are confidential. */
function auditPayload(change: MeetingChange): Record<string, unknown> {
  switch (change.kind) {
    case 'REPORTED':
      return { change: change.kind, late: change.late, withoutApproval: change.withoutApproval };
    case 'RECORDED':
      return { change: change.kind, body: change.body, startsAt: change.startsAt, invitedId: change.invitedId };
    default: {
      const { kind, ...rest } = change;
      return { change: kind, ...rest };
    }
  }
}

/** Stores one step of a meeting and its audit row in one transaction, once per idempotency key. */
export function recordMeetingStep(deps: ActivityDeps) {
  return async (step: MeetingStep): Promise<WriteOutcome> => {
    const { change, meetingId } = step;
    return recordOnce(
      deps.db,
      { ...step, entityType: 'Meeting', entityId: meetingId, payload: auditPayload(change) },
      async (tx) => {
        const at = new Date(step.at);
        const state = step.toState;
        switch (change.kind) {
          case 'RECORDED':
            await tx.meeting.create({
              data: {
                id: meetingId,
                workflowId: change.workflowId,
                areaId: change.areaId,
                assignmentId: step.assignmentId,
                groupId: change.groupId ?? null,
                body: change.body,
                startsAt: new Date(change.startsAt),
                place: change.place,
                agenda: change.agenda,
                invitedId: change.invitedId,
                attendeeId: change.invitedId,
                state,
                recordedById: change.recordedById,
                recordedAt: at,
              },
            });
            break;
          case 'REQUESTED':
            await tx.meeting.update({
              where: { id: meetingId },
              data: {
                state,
                requestedAt: at,
                additionalMemberIds: JSON.stringify(change.additionalMemberIds),
                approved: null,
                decidedById: null,
                decidedAt: null,
              },
            });
            break;
          case 'DECIDED':
            await tx.meeting.update({
              where: { id: meetingId },
              data: {
                state,
                approved: change.approved,
                decidedById: change.decidedById,
                decidedAt: at,
                decisionNote: change.note ?? null,
              },
            });
            break;
          case 'DELEGATED':
            await tx.meeting.update({
              where: { id: meetingId },
              data: {
                state,
                attendeeId: change.memberId,
                onBehalfOfGroupLeader: true,
                additionalMemberIds: '[]',
                requestedAt: null,
                approved: null,
                decidedById: null,
                decidedAt: null,
              },
            });
            break;
          case 'MOVED':
            await tx.meeting.update({
              where: { id: meetingId },
              data: { state, startsAt: new Date(change.toStartsAt), place: change.toPlace },
            });
            await tx.meetingMove.create({
              data: {
                meetingId,
                fromStartsAt: new Date(change.fromStartsAt),
                toStartsAt: new Date(change.toStartsAt),
                fromPlace: change.fromPlace,
                toPlace: change.toPlace,
                reason: change.reason,
                movedById: change.movedById,
                movedAt: at,
              },
            });
            // The approval's deadline moves with the meeting; the old instant stays in the move and the audit row.
            await tx.deadline.updateMany({
              where: {
                assignmentId: step.assignmentId,
                subject: 'MEETING_APPROVAL',
                reference: { startsWith: `${meetingId}/` },
                status: 'OPEN',
              },
              data: { dueAt: new Date(change.toStartsAt) },
            });
            break;
          case 'CANCELLED':
            await tx.meeting.update({
              where: { id: meetingId },
              data: { state, cancelledById: change.cancelledById, cancelledAt: at, cancelReason: change.reason },
            });
            break;
          case 'STARTED':
            await tx.meeting.update({
              where: { id: meetingId },
              data: { state, reportDueAt: new Date(change.reportDueAt) },
            });
            break;
          case 'ENDED':
            await tx.meeting.update({ where: { id: meetingId }, data: { state } });
            break;
          case 'REPORTED':
            await tx.meeting.update({
              where: { id: meetingId },
              data: { state, attendedWithoutApproval: change.withoutApproval },
            });
            await tx.meetingReport.create({
              data: {
                meetingId,
                notes: change.notes,
                remarks: change.remarks,
                mattersForLeadership: change.mattersForLeadership,
                personnelNotes: change.personnelNotes ?? null,
                filedById: change.filedById,
                filedAt: at,
                late: change.late,
                withoutApproval: change.withoutApproval,
              },
            });
            break;
        }
        await enqueueNotifications(tx, step.idempotencyKey, step.at, step.notifications ?? []);
      },
    );
  };
}
