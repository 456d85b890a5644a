import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import type { ComplaintChange } from '../activities/complaint-records';
import { type ComplaintEvent, complaintMachine, complaintViolation } from '../machines/complaint.machine';
import type { Policy } from '../machines/policy';
import { offeredEventTypes, stateName } from '../machines/rules';
import { records } from './activity-proxies';
import { complaintActedOnSignal } from './assignment-signals';
import { dayOf, endOfDay, WorkingCalendar } from '../machines/calendar';
import {
  complaintStateQuery,
  type ComplaintView,
  RecordVerificationArgsSchema,
  recordVerificationUpdate,
  StartVerificationArgsSchema,
  startVerificationUpdate,
} from './complaint.messages';
import { watchDeadline } from './deadline-watch';
import { assertAllowed, parseInput } from './refusal';
import { reportGround } from './report-ground';
import { nowIso, StepKeys } from './step-keys';

export interface ComplaintInput {
  complaintId: string;
  assignmentId: string;
  assignmentWorkflowId: string;
  officialId: string;
  filedBy: string;
  summary: string;
  source: string;
  headOfBoardId: string | undefined;
  policy: Policy['complaint'];
  nonWorkingDays: string[];
}

/**
 * A complaint about a monitoring official: verified within a deadline (escalated to the Head of Board
 * when late). Only a complaint verified as well-founded becomes a ground for early reassignment, and
 * the reassignment itself is leadership's decision, taken in the assignment workflow.
 */
export async function complaintWorkflow(input: ComplaintInput): Promise<{ outcome: string | undefined; action: string | undefined }> {
  const { complaintId, assignmentId } = input;
  const calendar = new WorkingCalendar(input.nonWorkingDays);
  const keys = new StepKeys();
  let [snapshot] = initialTransition(complaintMachine, { complaintId, assignmentId, officialId: input.officialId, filedBy: input.filedBy });
  const dueDay = calendar.addWorkingDays(dayOf(Date.now()), input.policy.verificationWorkingDays);
  const verificationDueAt = new Date(endOfDay(dueDay)).toISOString();

  const view = (): ComplaintView => ({ complaintId, assignmentId, state: stateName(snapshot), allowedEvents: offeredEventTypes(snapshot), verificationDueAt });
  const validate = (event: ComplaintEvent) => assertAllowed(snapshot, event, (e) => complaintViolation(snapshot.context, e));
  const step = async (event: ComplaintEvent | undefined, actorId: string, action: string, change: ComplaintChange) => {
    const fromState = stateName(snapshot);
    if (event) [snapshot] = transition(complaintMachine, snapshot, event);
    await records.recordComplaintStep({
      idempotencyKey: keys.next(action),
      at: nowIso(),
      actorId,
      action,
      complaintId,
      assignmentId,
      fromState: event ? fromState : undefined,
      toState: stateName(snapshot),
      change,
    });
  };

  setHandler(complaintStateQuery, view);
  setHandler(
    startVerificationUpdate,
    async ({ actor }) => {
      validate({ type: 'START_VERIFICATION', actor });
      await step({ type: 'START_VERIFICATION', actor }, actor.id, 'COMPLAINT_VERIFICATION_STARTED', { kind: 'VERIFICATION_STARTED' });
      return view();
    },
    { validator: (args) => validate({ type: 'START_VERIFICATION', ...parseInput(StartVerificationArgsSchema, args) }) },
  );
  setHandler(
    recordVerificationUpdate,
    async ({ actor, outcome, findings }) => {
      validate({ type: 'RECORD_VERIFICATION', actor, outcome, findings });
      await step({ type: 'RECORD_VERIFICATION', actor, outcome, findings }, actor.id, `COMPLAINT_VERIFIED_${outcome}`, {
        kind: 'VERIFIED',
        outcome,
        findings,
        verifiedById: actor.id,
      });
      return view();
    },
    { validator: (args) => validate({ type: 'RECORD_VERIFICATION', ...parseInput(RecordVerificationArgsSchema, args) }) },
  );
  setHandler(complaintActedOnSignal, ({ action }) => {
    const event: ComplaintEvent = { type: 'ACTED_ON', action };
    if (snapshot.can(event)) [snapshot] = transition(complaintMachine, snapshot, event);
  });

  await step(undefined, input.filedBy, 'COMPLAINT_FILED', {
    kind: 'FILED',
    workflowId: `complaint-${complaintId}`,
    officialId: input.officialId,
    summary: input.summary,
    source: input.source,
    filedById: input.filedBy,
    verificationDueAt,
  });

  const verified = () => snapshot.context.outcome !== undefined;
  const deadline = { assignmentId, subject: 'COMPLAINT_VERIFICATION' as const, reference: complaintId };
  const rung = { level: 1, target: 'HEAD_OF_BOARD' as const, recipientId: input.headOfBoardId };
  await records.recordDeadlineStep({
    idempotencyKey: keys.next('DEADLINE_OPENED'),
    at: nowIso(),
    action: 'COMPLAINT_VERIFICATION_DEADLINE_OPENED',
    deadline,
    change: { kind: 'OPENED', dueAt: verificationDueAt },
  });
  const verification = await watchDeadline({
    settled: verified,
    reminderAt: endOfDay(calendar.subtractWorkingDays(dueDay, input.policy.reminderWorkingDaysBefore)),
    onReminder: async () => {
      await records.recordDeadlineStep({
        idempotencyKey: keys.next('REMINDED'),
        at: nowIso(),
        actorId: 'system',
        action: 'COMPLAINT_VERIFICATION_REMINDER_SENT',
        deadline,
        change: { kind: 'REMINDED' },
        notifications: [{ recipientRole: 'AUDITOR', template: 'complaint.verification.reminder', payload: { complaintId, verificationDueAt } }],
      });
    },
    dueAt: endOfDay(dueDay),
    onMissed: async () => {
      const fromState = stateName(snapshot);
      [snapshot] = transition(complaintMachine, snapshot, { type: 'DEADLINE_MISSED' });
      await records.recordDeadlineStep({
        idempotencyKey: keys.next('MISSED'),
        at: nowIso(),
        actorId: 'system',
        action: 'COMPLAINT_VERIFICATION_DEADLINE_MISSED',
        fromState,
        toState: stateName(snapshot),
        deadline,
        change: { kind: 'MISSED', escalation: rung },
        notifications: [{ recipientId: rung.recipientId, template: 'complaint.verification.escalated', payload: { complaintId } }],
      });
    },
    escalations: [],
  });
  if (verification === 'met') {
    await records.recordDeadlineStep({
      idempotencyKey: keys.next('MET'),
      at: nowIso(),
      actorId: 'system',
      action: 'COMPLAINT_VERIFICATION_DEADLINE_MET',
      deadline,
      change: { kind: 'MET' },
    });
  }

  if (snapshot.context.outcome === 'WELL_FOUNDED') {
    const delivered = await reportGround(input.assignmentWorkflowId, { kind: 'VERIFIED_COMPLAINT', complaintId });
    if (delivered) await condition(() => snapshot.status === 'done');
    if (snapshot.status === 'done') {
      await step(undefined, 'system', 'COMPLAINT_ACTED_ON', { kind: 'ACTED_ON', action: snapshot.context.action ?? 'NONE' });
    }
  }
  await condition(allHandlersFinished);
  return { outcome: snapshot.context.outcome, action: snapshot.context.action };
}
