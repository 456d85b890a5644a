import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { initialTransition } from 'xstate';
import type { ComplaintChange } from '../activities/complaint-records';
import { type ComplaintEvent, complaintMachine, complaintViolation } from '../machines/complaint.machine';
import type { Policy } from '../machines/policy';
import { offeredEventTypes } from '../machines/rules';
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
import { MachineRunner } from './machine-runner';
import { parseInput } from './refusal';
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
export async function complaintWorkflow(
  input: ComplaintInput,
): Promise<{ outcome: string | undefined; action: string | undefined }> {
  const { complaintId, assignmentId } = input;
  const calendar = new WorkingCalendar(input.nonWorkingDays);
  const keys = new StepKeys();
  const machine = new MachineRunner(
    complaintMachine,
    initialTransition(complaintMachine, {
      complaintId,
      assignmentId,
      officialId: input.officialId,
      filedBy: input.filedBy,
    })[0],
    (snapshot, event) => complaintViolation(snapshot.context, event),
  );
  const dueDay = calendar.addWorkingDays(dayOf(Date.now()), input.policy.verificationWorkingDays);
  const verificationDueAt = new Date(endOfDay(dueDay)).toISOString();

  const view = (): ComplaintView => ({
    complaintId,
    assignmentId,
    state: machine.state,
    allowedEvents: offeredEventTypes(machine.snapshot),
    verificationDueAt,
  });
  const validate = (event: ComplaintEvent) => machine.validate(event);
  const step = async (event: ComplaintEvent | undefined, actorId: string, action: string, change: ComplaintChange) => {
    const states = event ? machine.apply(event) : undefined;
    await records.recordComplaintStep({
      idempotencyKey: keys.next(action),
      at: nowIso(),
      actorId,
      action,
      complaintId,
      assignmentId,
      fromState: states?.fromState,
      toState: machine.state,
      change,
    });
  };

  setHandler(complaintStateQuery, view);
  setHandler(
    startVerificationUpdate,
    async ({ actor }) => {
      validate({ type: 'START_VERIFICATION', actor });
      await step({ type: 'START_VERIFICATION', actor }, actor.id, 'COMPLAINT_VERIFICATION_STARTED', {
        kind: 'VERIFICATION_STARTED',
      });
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
    {
      validator: (args) => validate({ type: 'RECORD_VERIFICATION', ...parseInput(RecordVerificationArgsSchema, args) }),
    },
  );
  setHandler(complaintActedOnSignal, ({ action }) => {
    const event: ComplaintEvent = { type: 'ACTED_ON', action };
    if (machine.snapshot.can(event)) machine.apply(event);
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

  const verified = () => machine.snapshot.context.outcome !== undefined;
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
        notifications: [
          {
            recipientRole: 'AUDITOR',
            template: 'complaint.verification.reminder',
            payload: { complaintId, verificationDueAt },
          },
        ],
      });
    },
    dueAt: endOfDay(dueDay),
    onMissed: async () => {
      const { fromState, toState } = machine.apply({ type: 'DEADLINE_MISSED' });
      await records.recordDeadlineStep({
        idempotencyKey: keys.next('MISSED'),
        at: nowIso(),
        actorId: 'system',
        action: 'COMPLAINT_VERIFICATION_DEADLINE_MISSED',
        fromState,
        toState,
        deadline,
        change: { kind: 'MISSED', escalation: rung },
        notifications: [
          { recipientId: rung.recipientId, template: 'complaint.verification.escalated', payload: { complaintId } },
        ],
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

  if (machine.snapshot.context.outcome === 'WELL_FOUNDED') {
    const delivered = await reportGround(input.assignmentWorkflowId, { kind: 'VERIFIED_COMPLAINT', complaintId });
    if (delivered) await condition(() => machine.snapshot.status === 'done');
    if (machine.snapshot.status === 'done') {
      await step(undefined, 'system', 'COMPLAINT_ACTED_ON', {
        kind: 'ACTED_ON',
        action: machine.snapshot.context.action ?? 'NONE',
      });
    }
  }
  await condition(allHandlersFinished);
  return { outcome: machine.snapshot.context.outcome, action: machine.snapshot.context.action };
}
