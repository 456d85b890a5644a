import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import type { DeadlineStep } from '../activities/deadline-records';
import type { WriteOutcome } from '../domain/audit/log';
import type { Filing } from '../activities/filing-records';
import { initialTransition } from 'xstate';
import type { DeadlineParties } from '../domain/parties';
import type { NoticeTemplate } from '../labels/notifications';
import type { Actor } from '../machines/actor';
import type { Policy } from '../machines/policy';
import {
  type FilingItem,
  type MonthlyCycleEvent,
  monthlyCycleMachine,
  monthlyCycleViolation,
} from '../machines/monthly-cycle.machine';
import { offeredEventTypes } from '../machines/rules';
import { records } from './activity-proxies';
import { endOfDay, lastDayOfMonth, WorkingCalendar } from '../machines/calendar';
import { watchDeadline } from './deadline-watch';
import { escalationChain } from './escalation-chain';
import {
  filePlanArgsOfMonth,
  FileReportArgsSchema,
  filePlanUpdate,
  fileReportUpdate,
  type FilingResult,
  monthlyCycleStateQuery,
} from './monthly-cycle.messages';
import { MachineRunner } from './machine-runner';
import { parseInput } from './refusal';
import { StepBatch } from './step-batch';
import { nowIso, StepKeys } from './step-keys';

export interface MonthlyCycleInput {
  assignmentId: string;
  officialId: string;
  /** YYYY-MM */
  period: string;
  parties: DeadlineParties;
  policy: Policy['monthly'];
  nonWorkingDays: string[];
}

const SUBJECT = { PLAN: 'MONTHLY_PLAN', REPORT: 'MONTHLY_REPORT' } as const;

/** The notices of each filing's deadline: before it, its miss (to the official) and its escalation (up the chain). */
const NOTICE: Record<FilingItem, Record<'reminder' | 'missed' | 'escalated', NoticeTemplate>> = {
  PLAN: { reminder: 'monthly.plan.reminder', missed: 'monthly.plan.missed', escalated: 'monthly.plan.escalated' },
  REPORT: {
    reminder: 'monthly.report.reminder',
    missed: 'monthly.report.missed',
    escalated: 'monthly.report.escalated',
  },
};

/** The patch after which a month's steps already due are written together. Never rename it. */
const STEPS_DUE_TOGETHER = 'month-steps-due-written-together';

/**
 * One month of an assignment (Đ8.1, Đ8.2): the plan is due on a working day early in the month, the
 * report a few working days after it ends. Before each deadline a reminder; after it the miss is
 * recorded against the official and escalated to the group leader, then the leader in charge.
 */
export async function monthlyCycleWorkflow(input: MonthlyCycleInput): Promise<{ plan: string; report: string }> {
  const { assignmentId, period, parties, policy } = input;
  const calendar = new WorkingCalendar(input.nonWorkingDays);
  const keys = new StepKeys();
  const regionIn = (snapshot: { value: unknown }, item: FilingItem) =>
    (snapshot.value as Record<'plan' | 'report', string>)[item === 'PLAN' ? 'plan' : 'report'];
  const machine = new MachineRunner(
    monthlyCycleMachine,
    initialTransition(monthlyCycleMachine, { assignmentId, period, filerIds: parties.filerIds })[0],
    (snapshot, event) => monthlyCycleViolation(snapshot.context, event, regionIn(snapshot, 'PLAN')),
  );

  const planDay = calendar.nthWorkingDayOfMonth(period, policy.planDueWorkingDayOfMonth);
  const reportDay = calendar.addWorkingDays(lastDayOfMonth(period), policy.reportDueWorkingDaysAfterMonthEnd);
  const dueDays: Record<FilingItem, string> = { PLAN: planDay, REPORT: reportDay };
  const regionOf = (item: FilingItem) => regionIn(machine.snapshot, item);
  const settled = (item: FilingItem) => ['filed', 'filedLate', 'notFiled'].includes(regionOf(item));

  const view = () => ({
    assignmentId,
    period,
    state: machine.state,
    allowedEvents: offeredEventTypes(machine.snapshot),
    deadlines: { plan: new Date(endOfDay(planDay)).toISOString(), report: new Date(endOfDay(reportDay)).toISOString() },
  });

  const validate = (event: MonthlyCycleEvent) => machine.validate(event);
  const apply = (event: MonthlyCycleEvent) => machine.apply(event);

  setHandler(monthlyCycleStateQuery, view);

  // A month reached after its deadlines (an assignment catching up, a worker back after an outage) takes the steps
  // already due at once and writes them in one batch: one write instead of a dozen (issue 15.9). Months recorded
  // before wrote each step on its own, and replay so.
  const batch = patched(STEPS_DUE_TOGETHER)
    ? new StepBatch<DeadlineStep, WriteOutcome>((steps) => records.recordDeadlineSteps(steps))
    : undefined;
  const writeStep = (step: DeadlineStep) => (batch ? batch.add(step) : records.recordDeadlineStep(step));
  const flush = batch && (() => batch.flush());

  const recordFiled = async (actor: Actor, filing: Filing): Promise<FilingResult> => {
    const item = filing.kind;
    const event: MonthlyCycleEvent = { type: item === 'PLAN' ? 'FILE_PLAN' : 'FILE_REPORT', actor };
    const late = regionOf(item) !== 'due';
    const states = apply(event);
    // The steps the machine took before this filing land before it.
    if (batch) await batch.flush();
    await records.recordFiling({
      idempotencyKey: keys.next(`${item}_FILED`),
      at: nowIso(),
      actorId: actor.id,
      action: late ? `MONTHLY_${item}_FILED_LATE` : `MONTHLY_${item}_FILED`,
      assignmentId,
      period,
      late,
      ...states,
      filing,
    });
    return { late, state: machine.state };
  };

  // Handlers validate again: another filing may have landed between the validator and the handler.
  // The input is parsed by the validator only (validators do not run on replay): a plan is refused without its
  // time and place, or with a trip day outside this month (Đ8.1), while the content-only plans already in
  // histories recorded before that rule still replay through the handler.
  const planArgsSchema = filePlanArgsOfMonth(period);
  setHandler(
    filePlanUpdate,
    (args) => {
      validate({ type: 'FILE_PLAN', actor: args.actor });
      return recordFiled(args.actor, { kind: 'PLAN', plan: args.plan });
    },
    { validator: (args) => validate({ type: 'FILE_PLAN', actor: parseInput(planArgsSchema, args).actor }) },
  );
  setHandler(
    fileReportUpdate,
    (args) => {
      validate({ type: 'FILE_REPORT', actor: args.actor });
      return recordFiled(args.actor, { kind: 'REPORT', report: args.report });
    },
    { validator: (args) => validate({ type: 'FILE_REPORT', actor: parseInput(FileReportArgsSchema, args).actor }) },
  );
  const opened = [
    {
      action: 'MONTHLY_PLAN_DEADLINE_OPENED',
      deadline: { assignmentId, subject: SUBJECT.PLAN, reference: period },
      change: { kind: 'OPENED', dueAt: new Date(endOfDay(planDay)).toISOString() },
    },
    {
      action: 'MONTHLY_REPORT_DEADLINE_OPENED',
      deadline: { assignmentId, subject: SUBJECT.REPORT, reference: period },
      change: { kind: 'OPENED', dueAt: new Date(endOfDay(reportDay)).toISOString() },
    },
  ] as const;
  const openings: Promise<WriteOutcome>[] = [];
  for (const step of opened) {
    const write = writeStep({ ...step, idempotencyKey: keys.next('DEADLINES_OPENED'), at: nowIso() });
    if (batch) openings.push(write);
    else await write;
  }
  // Awaited at the end; a failure surfaces there (or at the flush that sent them), never as an unhandled rejection.
  const openingsLanded = Promise.all(openings);
  openingsLanded.catch(() => undefined);

  const chain = escalationChain(parties, input.officialId);
  const watch = (item: FilingItem) => {
    const due = dueDays[item];
    const deadline = { assignmentId, subject: SUBJECT[item], reference: period };
    const escalationDay = calendar.addWorkingDays(due, policy.escalateToLeaderInChargeAfterWorkingDays);
    const escalate = async (rungIndex: number, kind: 'MISSED' | 'ESCALATED') => {
      const rung = chain[rungIndex]!;
      const states = apply(
        kind === 'MISSED' ? { type: 'DEADLINE_MISSED', item } : { type: 'ESCALATED', item, level: rung.level },
      );
      await writeStep({
        idempotencyKey: keys.next(`${item}_${kind}`),
        at: nowIso(),
        action: kind === 'MISSED' ? `MONTHLY_${item}_DEADLINE_MISSED` : `MONTHLY_${item}_ESCALATED`,
        actorId: 'system',
        ...states,
        deadline,
        change: { kind, escalation: rung },
        notifications: [
          {
            recipientId: input.officialId,
            template: NOTICE[item].missed,
            payload: { assignmentId, period },
          },
          {
            recipientId: rung.recipientId,
            template: NOTICE[item].escalated,
            payload: { assignmentId, period, level: rung.level },
          },
        ],
      });
    };
    return watchDeadline({
      settled: () => settled(item),
      reminderAt: endOfDay(calendar.subtractWorkingDays(due, policy.reminderWorkingDaysBefore)),
      onReminder: () =>
        writeStep({
          idempotencyKey: keys.next(`${item}_REMINDED`),
          at: nowIso(),
          action: `MONTHLY_${item}_REMINDER_SENT`,
          actorId: 'system',
          deadline,
          change: { kind: 'REMINDED' },
          notifications: [
            {
              recipientId: input.officialId,
              template: NOTICE[item].reminder,
              payload: { assignmentId, period, due },
            },
          ],
        }).then(() => undefined),
      dueAt: endOfDay(due),
      onMissed: () => escalate(0, 'MISSED'),
      escalations: chain
        .slice(1)
        .map((_, index) => ({ at: endOfDay(escalationDay), run: () => escalate(index + 1, 'ESCALATED') })),
      flush,
      closeAt: endOfDay(calendar.addWorkingDays(due, policy.closeUnfiledAfterWorkingDays)),
      onClose: async () => {
        const states = apply({ type: 'CLOSE_UNFILED', item });
        await writeStep({
          idempotencyKey: keys.next(`${item}_NOT_FILED`),
          at: nowIso(),
          action: `MONTHLY_${item}_NOT_FILED`,
          actorId: 'system',
          ...states,
          deadline,
          change: { kind: 'CLOSED_UNMET' },
        });
      },
    });
  };

  const [plan, report] = await Promise.all([watch('PLAN'), watch('REPORT')]);
  if (batch) {
    await batch.flush();
    await openingsLanded;
  }
  await condition(allHandlersFinished);
  return { plan, report };
}
