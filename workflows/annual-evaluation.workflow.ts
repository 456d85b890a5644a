import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { initialTransition } from 'xstate';
import type { EvaluationChange } from '../activities/evaluation-records';
import type { DeadlineParties } from '../domain/parties';
import {
  type AnnualEvaluationEvent,
  annualEvaluationMachine,
  annualEvaluationViolation,
} from '../machines/annual-evaluation.machine';
import type { Policy } from '../machines/policy';
import { offeredEventTypes } from '../machines/rules';
import { records } from './activity-proxies';
import {
  evaluationStateQuery,
  type EvaluationView,
  ProposeRatingArgsSchema,
  proposeRatingUpdate,
  RateArgsSchema,
  rateUpdate,
  SubmitAreaEvaluationArgsSchema,
  submitAreaEvaluationUpdate,
} from './annual-evaluation.messages';
import { reportGround } from './report-ground';
import { dayOf, endOfDay, WorkingCalendar } from '../machines/calendar';
import { watchDeadline } from './deadline-watch';
import { MachineRunner } from './machine-runner';
import { parseInput } from './refusal';
import { nowIso, StepKeys } from './step-keys';

export interface AnnualEvaluationInput {
  assignmentId: string;
  assignmentWorkflowId: string;
  areaId: string;
  officialId: string;
  year: number;
  parties: DeadlineParties;
  policy: Policy['evaluation'];
  nonWorkingDays: string[];
}

/**
 * The yearly evaluation (Đ9.5, Đ12): requested from the area's standing committee with a deadline,
 * reminder and escalation; then the group leader's proposal and leadership's rating. A "not completed"
 * rating, or an area asking for a replacement, is reported to the assignment as a ground for early reassignment.
 */
export async function annualEvaluationWorkflow(input: AnnualEvaluationInput): Promise<{ rating: string | undefined }> {
  const { assignmentId, year, parties } = input;
  const calendar = new WorkingCalendar(input.nonWorkingDays);
  const keys = new StepKeys();
  const machine = new MachineRunner(
    annualEvaluationMachine,
    initialTransition(annualEvaluationMachine, {
      assignmentId,
      areaId: input.areaId,
      year,
      groupLeaderId: parties.groupLeaderId,
    })[0],
    (snapshot, event) => annualEvaluationViolation(snapshot.context, event),
  );
  const dueDay = calendar.addWorkingDays(dayOf(Date.now()), input.policy.dueWorkingDaysAfterRequest);
  const dueAt = new Date(endOfDay(dueDay)).toISOString();

  const view = (): EvaluationView => ({
    assignmentId,
    year,
    state: machine.state,
    allowedEvents: offeredEventTypes(machine.snapshot),
    dueAt,
  });
  const validate = (event: AnnualEvaluationEvent) => machine.validate(event);
  const step = async (event: AnnualEvaluationEvent, actorId: string, action: string, change: EvaluationChange) => {
    const { fromState, toState } = machine.apply(event);
    await records.recordEvaluationStep({
      idempotencyKey: keys.next(action),
      at: nowIso(),
      actorId,
      action,
      assignmentId,
      year,
      fromState,
      toState,
      change,
    });
  };

  setHandler(evaluationStateQuery, view);
  setHandler(
    submitAreaEvaluationUpdate,
    async ({ actor, evaluation }) => {
      validate({ type: 'SUBMIT_AREA_EVALUATION', actor, evaluation });
      await step({ type: 'SUBMIT_AREA_EVALUATION', actor, evaluation }, actor.id, 'AREA_EVALUATION_RECEIVED', {
        kind: 'AREA_EVALUATION_RECEIVED',
        submittedById: actor.id,
        evaluation,
      });
      return view();
    },
    {
      validator: (args) =>
        validate({ type: 'SUBMIT_AREA_EVALUATION', ...parseInput(SubmitAreaEvaluationArgsSchema, args) }),
    },
  );
  setHandler(
    proposeRatingUpdate,
    async ({ actor, rating, notes }) => {
      validate({ type: 'PROPOSE_RATING', actor, rating, notes });
      await step({ type: 'PROPOSE_RATING', actor, rating, notes }, actor.id, 'RATING_PROPOSED', {
        kind: 'RATING_PROPOSED',
        proposedById: actor.id,
        rating,
        notes,
      });
      return view();
    },
    { validator: (args) => validate({ type: 'PROPOSE_RATING', ...parseInput(ProposeRatingArgsSchema, args) }) },
  );
  setHandler(
    rateUpdate,
    async ({ actor, rating }) => {
      validate({ type: 'RATE', actor, rating });
      await step({ type: 'RATE', actor, rating }, actor.id, 'EVALUATION_RATED', {
        kind: 'RATED',
        ratedById: actor.id,
        rating,
      });
      return view();
    },
    { validator: (args) => validate({ type: 'RATE', ...parseInput(RateArgsSchema, args) }) },
  );

  await records.recordEvaluationStep({
    idempotencyKey: keys.next('EVALUATION_REQUESTED'),
    at: nowIso(),
    actorId: 'system',
    action: 'EVALUATION_REQUESTED',
    assignmentId,
    year,
    toState: machine.state,
    change: { kind: 'REQUESTED', dueAt },
    notifications: [
      {
        recipientRole: 'AREA_COMMITTEE',
        template: 'evaluation.requested',
        payload: { assignmentId, areaId: input.areaId, year, dueAt },
      },
    ],
  });

  const received = () => machine.snapshot.context.areaEvaluation !== undefined;
  const deadline = { assignmentId, subject: 'AREA_EVALUATION' as const, reference: String(year) };
  await records.recordDeadlineStep({
    idempotencyKey: keys.next('DEADLINE_OPENED'),
    at: nowIso(),
    action: 'AREA_EVALUATION_DEADLINE_OPENED',
    deadline,
    change: { kind: 'OPENED', dueAt },
  });
  const chain = [
    { level: 1, target: 'LEADER_IN_CHARGE' as const, recipientId: parties.leaderInChargeId },
    { level: 2, target: 'HEAD_OF_BOARD' as const, recipientId: parties.headOfBoardId },
  ];
  const escalate = async (index: number) => {
    const rung = chain[index]!;
    const { fromState, toState } = machine.apply(
      index === 0 ? { type: 'DEADLINE_MISSED' } : { type: 'ESCALATED', level: rung.level },
    );
    await records.recordDeadlineStep({
      idempotencyKey: keys.next(index === 0 ? 'MISSED' : 'ESCALATED'),
      at: nowIso(),
      actorId: 'system',
      action: index === 0 ? 'AREA_EVALUATION_DEADLINE_MISSED' : 'AREA_EVALUATION_ESCALATED',
      fromState,
      toState,
      deadline,
      change: { kind: index === 0 ? 'MISSED' : 'ESCALATED', escalation: rung },
      notifications: [
        {
          recipientRole: 'AREA_COMMITTEE',
          template: 'evaluation.missed',
          payload: { assignmentId, areaId: input.areaId, year },
        },
        {
          recipientId: rung.recipientId,
          template: 'evaluation.escalated',
          payload: { assignmentId, year, level: rung.level },
        },
      ],
    });
  };
  const areaDeadline = await watchDeadline({
    settled: received,
    reminderAt: endOfDay(calendar.subtractWorkingDays(dueDay, input.policy.reminderWorkingDaysBefore)),
    onReminder: async () => {
      await records.recordDeadlineStep({
        idempotencyKey: keys.next('REMINDED'),
        at: nowIso(),
        actorId: 'system',
        action: 'AREA_EVALUATION_REMINDER_SENT',
        deadline,
        change: { kind: 'REMINDED' },
        notifications: [
          {
            recipientRole: 'AREA_COMMITTEE',
            template: 'evaluation.reminder',
            payload: { assignmentId, areaId: input.areaId, year, dueAt },
          },
        ],
      });
    },
    dueAt: endOfDay(dueDay),
    onMissed: () => escalate(0),
    escalations: [
      {
        at: endOfDay(calendar.addWorkingDays(dueDay, input.policy.escalateToLeaderInChargeAfterWorkingDays)),
        run: () => escalate(1),
      },
    ],
  });

  if (areaDeadline === 'met') {
    await records.recordDeadlineStep({
      idempotencyKey: keys.next('MET'),
      at: nowIso(),
      actorId: 'system',
      action: 'AREA_EVALUATION_DEADLINE_MET',
      deadline,
      change: { kind: 'MET' },
    });
  }
  await condition(() => machine.snapshot.status === 'done');
  await condition(allHandlersFinished);

  const { rating, areaEvaluation } = machine.snapshot.context;
  if (rating?.rating === 'NOT_COMPLETED')
    await reportGround(input.assignmentWorkflowId, { kind: 'NOT_COMPLETED_RATING', year });
  if (areaEvaluation?.proposesReplacement)
    await reportGround(input.assignmentWorkflowId, { kind: 'AREA_PROPOSED_REPLACEMENT', year });
  return { rating: rating?.rating };
}
