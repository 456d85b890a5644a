import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { dayOf, nextMonth } from '../machines/calendar';
import { DEFAULT_POLICY } from '../machines/policy';
import {
  ApproveArgsSchema,
  approveUpdate,
  assignmentStateQuery,
  type AssignmentView,
  ProposeArgsSchema,
  proposeUpdate,
  RejectArgsSchema,
  rejectUpdate,
  ReportPositionChangeArgsSchema,
  reportPositionChangeUpdate,
  WithdrawArgsSchema,
  withdrawUpdate,
} from './assignment.messages';
import {
  areaReorganizedSignal,
  groundEstablishedSignal,
  successorStartedSignal,
  yearsServedCarriedSignal,
} from './cross-workflow.messages';
import {
  approve,
  approveEvent,
  positionChangeEvent,
  propose,
  reject,
  reportPositionChange,
  withdraw,
} from './assignment/decisions';
import { CATCH_UP_IN_ONE_GO, CatchUp } from './assignment/catch-up';
import { AssignmentRun, type AssignmentWorkflowInput } from './assignment/run-state';
import { nextTimedEvent, type TimedEvent } from './assignment/schedule';
import { groundEstablished, successorStarted } from './assignment/signals';
import { areaReorganized, closeForReorganization } from './assignment/reorganisation';
import { carriesYears, takeOverServedYears, yearsServedCarried } from './assignment/served-from';
import {
  becomeEffective,
  escalateRotation,
  launchSuccessor,
  passAnniversary,
  proposeWhatIsDue,
  requestEvaluation,
  decideImportedFirstMonth,
  startMonthlyCycle,
  takeOverImported,
} from './assignment/time';
import { startsChildren } from './child-starts';
import { parseInput } from './refusal';

export type { AssignmentWorkflowInput } from './assignment/run-state';

/** The patch after which a step already due is taken at once, not after a 1 ms timer. Never rename it. */
const OVERDUE_WITHOUT_TIMER = 'overdue-steps-without-timer';

/**
 * Already due while catching up (an assignment reaching the months since its effective date, or a worker back after an
 * outage): no timer to wait on, so years of catch-up are a few workflow tasks instead of a round trip per step. Right
 * after a person's decision the first step still waits its 1 ms timer: the decision's workflow task then ends there,
 * and its update is answered at once rather than after the catch-up it sets off. Runs recorded before the patch set a
 * 1 ms timer every time, and replay so.
 */
const isOverdue = (event: TimedEvent, catchingUp: boolean) =>
  catchingUp && event.at <= Date.now() && patched(OVERDUE_WITHOUT_TIMER);

/**
 * Before the workflow waits: the catch-up's starts all started, and its versions forgotten (read again next catch-up).
 * Without a catch-up (runs recorded before its patch, the client path), nothing.
 */
async function settleCatchUp(run: AssignmentRun): Promise<void> {
  const { catchUp } = run;
  if (!catchUp) return;
  run.catchUp = undefined;
  await catchUp.settle();
}

const ANNIVERSARIES_PER_RUN = 1; // a new run each year of service keeps each history to a few hundred events

/**
 * One assignment of an official to an area, for its whole life: proposal and approval, effective date,
 * monthly cycles and annual evaluations (workflows of their own), rotation from year 3 and mandatory at year 5,
 * early reassignment on an established ground, and handover to a successor before closing.
 * The assignment machine decides what is allowed; this workflow owns time and effects. This file wires them:
 * the run's state (assignment/run-state.ts), people's decisions (assignment/decisions.ts), other workflows'
 * facts (assignment/signals.ts), and time (assignment/schedule.ts says what is due, assignment/time.ts does it).
 * Handlers are registered as the modules define them and the steps here keep their order: every command is
 * issued where it always was, so recorded histories replay.
 */
export async function assignmentWorkflow(input: AssignmentWorkflowInput): Promise<AssignmentView> {
  const run = new AssignmentRun(input);
  const { areaId, officialId } = input;

  // ── people's decisions (updates: the caller learns at once whether the machine allowed it) ──
  setHandler(assignmentStateQuery, () => run.view());
  setHandler(approveUpdate, (args) => approve(run, args), {
    validator: (args) =>
      run.machine.validate(
        approveEvent(parseInput(ApproveArgsSchema, args), dayOf(Date.now()), {
          appointmentEffectiveFrom: input.effectiveFrom,
          // Policies before 2026.2 have no window: the default's applies.
          window: input.policy.decision ?? DEFAULT_POLICY.decision,
        }),
      ),
  });
  setHandler(rejectUpdate, (args) => reject(run, args), {
    validator: (args) => run.machine.validate({ type: 'REJECT', ...parseInput(RejectArgsSchema, args) }),
  });
  setHandler(withdrawUpdate, (args) => withdraw(run, args), {
    validator: (args) => run.machine.validate({ type: 'WITHDRAW', ...parseInput(WithdrawArgsSchema, args) }),
  });
  setHandler(proposeUpdate, (args) => propose(run, args), {
    validator: (args) => run.machine.validate({ type: 'PROPOSE', ...parseInput(ProposeArgsSchema, args) }),
  });
  setHandler(reportPositionChangeUpdate, (args) => reportPositionChange(run, args), {
    validator: (args) => run.machine.validate(positionChangeEvent(parseInput(ReportPositionChangeArgsSchema, args))),
  });

  // ── facts from other workflows (signals) ──────────────────────────────────
  setHandler(groundEstablishedSignal, (args) => groundEstablished(run, args));
  setHandler(successorStartedSignal, (args) => successorStarted(run, args));
  setHandler(areaReorganizedSignal, (args) => areaReorganized(run, args));
  setHandler(yearsServedCarriedSignal, (args) => yearsServedCarried(run, args));

  // ── the proposal itself, once ─────────────────────────────────────────────
  if (!input.carried) {
    // An assignment already in force comes in by import: who imported it, from which file, and
    // the first month the system charges it.
    const { imported } = input;
    if (imported) await decideImportedFirstMonth(run);
    await run.persist({
      action: imported ? 'ASSIGNMENT_IMPORTED' : 'ASSIGNMENT_PROPOSED',
      actorId: imported ? imported.by : input.proposedBy,
      toState: run.state(),
      ...(imported && {
        payload: {
          file: imported.file,
          line: imported.line,
          importedOn: imported.on,
          firstMonth: run.importedFirstMonth,
        },
      }),
      openApproval: {
        id: run.appointmentRequestId,
        kind: 'APPOINTMENT',
        proposedById: input.proposedBy,
        reason: input.reason,
        payload: { areaId, officialId, effectiveFrom: input.effectiveFrom },
      },
    });
    if (input.appointedBy) {
      const { approver, decision } = input.appointedBy;
      const states = run.machine.apply({ type: 'APPROVE', actor: approver, decision });
      await run.persist({
        action: 'APPOINTMENT_APPROVED',
        actorId: approver.id,
        ...states,
        decision: { ...decision, summary: decision.summary ?? input.reason, kind: 'APPOINTMENT' },
        appointmentDecision: true,
        closeApproval: { requestId: run.appointmentRequestId, outcome: 'APPROVED', decidedById: approver.id },
        payload: { predecessorAssignmentId: input.predecessor?.assignmentId ?? null },
      });
    }
    // Handlers wait for the proposal's record; an imported assignment's, until it has taken over its years too.
    if (imported) await takeOverImported(run, imported.on);
    run.proposalRecorded = true;
  }

  // ── time: schedule.ts says what is due next; each kind maps to its action ──
  const actionFor = (event: TimedEvent): (() => Promise<void>) => {
    switch (event.kind) {
      case 'effective':
        return async () => {
          await becomeEffective(run);
          if (run.inActive() && carriesYears(run)) await takeOverServedYears(run);
        };
      case 'anniversary':
        return async () => {
          run.cursor.nextAnniversary += 1;
          await passAnniversary(run, event.years);
        };
      case 'evaluation':
        return async () => {
          run.cursor.nextEvaluationYear += 1;
          await requestEvaluation(run, event.year);
        };
      case 'month':
        return async () => {
          run.cursor.nextMonth = nextMonth(event.month);
          await startMonthlyCycle(run, event.month);
        };
      case 'rotationEscalation':
        return () => escalateRotation(run);
      case 'ceases':
        return () => closeForReorganization(run);
    }
  };

  let anniversariesThisRun = 0;
  let catchingUp = true; // until a person's decision changes the machine; again once a timed step is taken
  while (!run.isClosed()) {
    await proposeWhatIsDue(run);
    await launchSuccessor(run);
    if (run.isClosed()) break;
    const next = nextTimedEvent(run.scheduleState());
    const seen = run.machine.changes;
    const overdue: boolean = !!next && isOverdue(next, catchingUp);
    if (!overdue) await settleCatchUp(run);
    const changed: boolean = !next
      ? (await condition(() => run.machine.changes !== seen), true)
      : overdue
        ? false
        : await condition(() => run.machine.changes !== seen, Math.max(next.at - Date.now(), 1));
    catchingUp = !changed;
    if (changed || !next) continue;
    if (overdue && startsChildren() && patched(CATCH_UP_IN_ONE_GO)) run.catchUp ??= new CatchUp(input.assignmentId);
    const before = run.cursor.nextAnniversary;
    await actionFor(next)();
    if (run.cursor.nextAnniversary !== before) anniversariesThisRun += 1;
    if (run.inActive() && (anniversariesThisRun >= ANNIVERSARIES_PER_RUN || workflowInfo().continueAsNewSuggested)) {
      await settleCatchUp(run);
      await condition(allHandlersFinished);
      if (!run.inActive()) continue;
      await continueAsNew<typeof assignmentWorkflow>({ ...input, carried: run.carried() });
    }
  }
  await settleCatchUp(run);
  await condition(allHandlersFinished);
  return run.view();
}
