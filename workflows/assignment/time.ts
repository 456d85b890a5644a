import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ChildWorkflowCancellationType,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  startChild,
  TemporalFailure,
  uuid4,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '../../machines/actor';
import type { Ground } from '../../machines/assignment.machine';
import { dayOf, endOfDay, nextMonth, WorkingCalendar } from '../../machines/calendar';
import { records } from '../activity-proxies';
import type { StartableWorkflowInputs, StartableWorkflowType } from '../../activities/workflow-starter';
import type { NoticeTemplate } from '../../labels/notifications';
import type { Policy } from '../../machines/policy';
import { startsChildren } from '../child-starts';
import { successorStartedSignal } from '../cross-workflow.messages';
import { annualEvaluationWorkflowId, assignmentWorkflowId, monthlyCycleWorkflowId } from '../ids';
import { nowIso } from '../step-keys';
import { openProposal } from './decisions';
import type { AssignmentRun } from './run-state';

/**
 * What time brings an assignment: its effective date, anniversaries and the rotation deadline, the months and
 * evaluations (workflows of their own), the proposals the regulation calls for, and the successor's start.
 * schedule.ts says what is due when; these do it.
 */

/** The notice of a rotation tier reached: mandatory (due) or open to consider (eligible). */
export const rotationNotice = (due: boolean): NoticeTemplate => (due ? 'rotation.due' : 'rotation.eligible');

export async function becomeEffective(run: AssignmentRun): Promise<void> {
  const { input } = run;
  const states = run.machine.apply({ type: 'EFFECTIVE_DATE_REACHED' });
  await run.persist({ action: 'ASSIGNMENT_STARTED', actorId: 'system', ...states });
  if (input.predecessor) {
    try {
      await getExternalWorkflowHandle(input.predecessor.workflowId).signal(successorStartedSignal, {
        successorAssignmentId: input.assignmentId,
      });
    } catch (error) {
      if (!(error instanceof TemporalFailure)) throw error;
    }
  }
}

/** The patch after which each month follows its programme's rules in force on its first day. Never rename it. */
const POLICY_IN_FORCE = 'policy-in-force';

export async function startMonthlyCycle(run: AssignmentRun, month: string): Promise<void> {
  const { assignmentId, officialId, policy } = run.input;
  await run.ensureCalendar();
  const people = await run.loadParties();
  // Read by a local activity whose answer is recorded: a replay takes the same version whatever was published since.
  // Months started before keep the policy the assignment started with.
  // While catching up, from the programme's versions read once (catch-up.ts).
  const day = `${month}-01`;
  const inForce = patched(POLICY_IN_FORCE)
    ? await (run.catchUp ? run.catchUp.versionOn(day) : records.readPolicyInForce({ assignmentId, day }))
    : undefined;
  await startOwn(run, 'monthlyCycleWorkflow', monthlyCycleWorkflowId(assignmentId, month), {
    assignmentId,
    officialId,
    period: month,
    parties: people,
    policy: inForce ? inForce.policy.monthly : policy.monthly,
    ...(inForce && { policyVersion: { programmeId: inForce.programmeId, label: inForce.label } }),
    nonWorkingDays: run.nonWorkingDays,
  });
}

/** The patch after which each evaluation's deadlines follow the rules in force on its request day. Never rename it. */
const EVALUATION_POLICY_IN_FORCE = 'evaluation-policy-in-force';

export async function requestEvaluation(run: AssignmentRun, year: number): Promise<void> {
  const { assignmentId, areaId, officialId, policy } = run.input;
  await run.ensureCalendar();
  const people = await run.loadParties();
  // As a month's: read by a local activity, recorded; the request's own day stays the one the schedule set.
  const inForce = patched(EVALUATION_POLICY_IN_FORCE)
    ? await records.readPolicyInForce({ assignmentId, day: dayOf(Date.now()) })
    : undefined;
  await startOwn(run, 'annualEvaluationWorkflow', annualEvaluationWorkflowId(assignmentId, year), {
    assignmentId,
    assignmentWorkflowId: run.workflowId,
    areaId,
    officialId,
    year,
    parties: people,
    policy: inForce ? inForce.policy.evaluation : policy.evaluation,
    ...(inForce && { policyVersion: { programmeId: inForce.programmeId, label: inForce.label } }),
    nonWorkingDays: run.nonWorkingDays,
  });
}

/** The patch after which each anniversary takes the rotation terms of the version then in force. Never rename it. */
const ROTATION_POLICY_IN_FORCE = 'rotation-policy-in-force';

/**
 * The version whose rules a rotation step follows on its day, read by a local activity whose answer is recorded: a
 * version of the assignment's programme that took effect after the assignment did; else the policy it started with (the
 * version in force when it was proposed, or the one its caller set).
 */
async function rotationVersion(run: AssignmentRun): Promise<{ label: string; programmeId: string; policy: Policy }> {
  const { assignmentId, effectiveFrom, policy } = run.input;
  const inForce = await records.readPolicyInForce({ assignmentId, day: dayOf(Date.now()) });
  return inForce.effectiveFrom > effectiveFrom
    ? { label: inForce.label, programmeId: inForce.programmeId, policy: inForce.policy }
    : { label: policy.version, programmeId: inForce.programmeId, policy };
}

const policyVersionOf = ({ label, programmeId }: { label: string; programmeId: string }) => ({ programmeId, label });

export async function passAnniversary(run: AssignmentRun, years: number): Promise<void> {
  const { assignmentId } = run.input;
  // Runs recorded before keep the terms they started with.
  const version = patched(ROTATION_POLICY_IN_FORCE) ? await rotationVersion(run) : undefined;
  const { eligibleAfterYears, mandatoryAfterYears } = version?.policy.rotation ?? {};
  const states = run.machine.apply({
    type: 'TERM_ANNIVERSARY',
    yearsServed: years,
    ...(version && { terms: { eligibleAfterYears: eligibleAfterYears!, mandatoryAfterYears: mandatoryAfterYears! } }),
  });
  const people = await run.loadParties();
  const reached = states.toState !== states.fromState;
  await run.persist({
    action: 'TERM_ANNIVERSARY',
    actorId: 'system',
    ...states,
    payload: { yearsServed: years, ...(version && { policyVersion: policyVersionOf(version) }) },
    notifications: reached
      ? [
          {
            recipientId: people.leaderInChargeId,
            template: rotationNotice(run.snapshot.matches({ active: 'rotationDue' })),
            payload: { assignmentId, yearsServed: years },
          },
        ]
      : [],
  });
  if (run.snapshot.matches({ active: 'rotationEligible' }) && reached) {
    await openRotationDeadline(run, run.dueAt, version);
  }
  if (run.snapshot.matches({ active: 'rotationDue' }) && reached) await escalateRotation(run);
}

/**
 * The first month the system charges an imported assignment: this month while its plan is not yet due (the policy's
 * working day of the month), else the next; decided on the workflow's clock, so an import the worker picks up late
 * (or a month turned meanwhile) is never charged a plan already due. The months before read "before the system".
 */
export async function decideImportedFirstMonth(run: AssignmentRun): Promise<void> {
  await run.ensureCalendar();
  const today = dayOf(Date.now());
  const month = today.slice(0, 7);
  const planDue = new WorkingCalendar(run.nonWorkingDays).nthWorkingDayOfMonth(
    month,
    run.input.policy.monthly.planDueWorkingDayOfMonth,
  );
  run.importedFirstMonth = today <= planDue ? month : nextMonth(month);
  run.cursor.nextMonth = run.importedFirstMonth;
  if (evaluatesImportYear(run, today) && patched(IMPORT_YEAR_EVALUATED)) run.cursor.nextEvaluationYear -= 1;
}

const IMPORT_YEAR_EVALUATED = 'imported-evaluation-of-import-year';

/**
 * The area saw the whole import year even if the system did not (Đ9.5): an assignment in force for most of that year
 * (from 30 June at the latest, as for an effective date) is evaluated for it when it comes in before the policy's
 * request for that year has passed by more than its window (the working days the committee has to answer), as though
 * the request had reached it on the day; its own deadline then runs from the import. Later, the year is not evaluated.
 */
function evaluatesImportYear(run: AssignmentRun, today: string): boolean {
  const { effectiveFrom, imported, policy } = run.input;
  if (!imported) return false;
  const year = Number(imported.on.slice(0, 4));
  if (run.cursor.nextEvaluationYear !== year + 1 || effectiveFrom > `${year}-06-30`) return false;
  const window = new WorkingCalendar(run.nonWorkingDays).addWorkingDays(
    `${year}-${policy.evaluation.requestOn}`,
    policy.evaluation.dueWorkingDaysAfterRequest,
  );
  return today <= window;
}

/**
 * An assignment already in force when the province moved in starts at once and takes over the
 * years it already served in one step, as of the import: the tier they reach (rotation eligible from year 3, due from
 * year 5, Đ4.2, counted from the real start) with none of the past anniversaries' side effects. The rotation's
 * deadline runs from the import: eligible, it falls on the mandatory term; already due, the Head of Board hears of it
 * only if it is still undecided after the policy's escalation interval from the import day. Months and evaluations
 * before the import are never charged (the cursor starts at the import: importCursor).
 */
export async function takeOverImported(run: AssignmentRun, importedOn: string): Promise<void> {
  const { assignmentId, policy } = run.input;
  await becomeEffective(run);
  const years = run.cursor.nextAnniversary - 1;
  if (years < 1) return;
  const states = run.machine.apply({ type: 'TERM_ANNIVERSARY', yearsServed: years });
  const reached = states.toState !== states.fromState;
  const due = run.snapshot.matches({ active: 'rotationDue' });
  const people = await run.loadParties();
  await run.persist({
    action: 'TERM_ANNIVERSARY',
    actorId: 'system',
    ...states,
    payload: { yearsServed: years, imported: true },
    notifications: reached
      ? [
          {
            recipientId: people.leaderInChargeId,
            template: rotationNotice(due),
            payload: { assignmentId, yearsServed: years },
          },
        ]
      : [],
  });
  if (!reached) return;
  await run.ensureCalendar();
  const calendar = new WorkingCalendar(run.nonWorkingDays);
  const dueAt = due
    ? endOfDay(calendar.addWorkingDays(importedOn, policy.rotation.mandatoryEscalationEveryWorkingDays))
    : run.dueAt;
  await openRotationDeadline(run, dueAt);
  if (due) run.rotationEscalation = { level: 0, nextAt: dueAt };
}

/** At the mandatory term the undecided rotation is escalated to the Head of Board until decided. */
/** The patch after which each rung of the rotation's escalation follows the version then in force. Never rename it. */
const ROTATION_ESCALATION_POLICY_IN_FORCE = 'rotation-escalation-policy-in-force';

export async function escalateRotation(run: AssignmentRun): Promise<void> {
  const { assignmentId } = run.input;
  await run.ensureCalendar();
  const people = await run.loadParties();
  // The interval to the next rung from the version in force today; runs recorded before keep the one they started with.
  const version = patched(ROTATION_ESCALATION_POLICY_IN_FORCE) ? await rotationVersion(run) : undefined;
  const policy = version?.policy ?? run.input.policy;
  const level = (run.rotationEscalation?.level ?? 0) + 1;
  const rung = { level, target: 'HEAD_OF_BOARD' as const, recipientId: people.headOfBoardId };
  await run.recordDeadline({
    idempotencyKey: run.keys.next(level === 1 ? 'ROTATION_MISSED' : 'ROTATION_ESCALATED'),
    at: nowIso(),
    actorId: 'system',
    action: level === 1 ? 'ROTATION_DEADLINE_MISSED' : 'ROTATION_ESCALATED',
    deadline: run.rotationDeadline,
    change: { kind: level === 1 ? 'MISSED' : 'ESCALATED', escalation: rung },
    ...(version && { payload: { policyVersion: policyVersionOf(version) } }),
    notifications: [
      { recipientId: rung.recipientId, template: 'rotation.escalated', payload: { assignmentId, level } },
    ],
  });
  const calendar = new WorkingCalendar(run.nonWorkingDays);
  const next = calendar.addWorkingDays(dayOf(Date.now()), policy.rotation.mandatoryEscalationEveryWorkingDays);
  run.rotationEscalation = { level, nextAt: endOfDay(next) };
}

/** The system opens the proposals the regulation calls for; leadership decides them. */
export async function proposeWhatIsDue(run: AssignmentRun): Promise<void> {
  const { assignmentId, areaId, officialId } = run.input;
  const { autoProposals } = run;
  if (!run.inActive() || run.snapshot.context.pending) return;
  const ground = run.snapshot.context.grounds.find((g) => !autoProposals.has(groundKey(g)));
  const tier = run.snapshot.matches({ active: 'rotationDue' })
    ? 'rotation-due'
    : run.snapshot.matches({ active: 'rotationEligible' })
      ? 'rotation-eligible'
      : undefined;
  if (!ground && (!tier || autoProposals.has(tier))) return;
  const key = ground ? groundKey(ground) : tier!;
  autoProposals.add(key);
  const successor = await records.suggestSuccessor({ areaId, excludeOfficialIds: [officialId] });
  if (!successor) {
    const people = await run.loadParties();
    await run.persist({
      action: 'NO_SUCCESSOR_AVAILABLE',
      actorId: 'system',
      fromState: run.state(),
      payload: { for: key },
      notifications: [
        {
          recipientId: people.leaderInChargeId,
          template: 'proposal.no-successor',
          payload: { assignmentId, for: key },
        },
      ],
    });
    return;
  }
  if (ground) {
    await openProposal(run, SYSTEM_ACTOR, {
      kind: 'EARLY_REASSIGNMENT',
      ground,
      successorOfficialId: successor,
      reason: groundReason(ground),
    });
  } else {
    await openProposal(run, SYSTEM_ACTOR, {
      kind: 'ROTATION',
      successorOfficialId: successor,
      reason: `Term of ${run.snapshot.context.yearsServed} years reached`,
    });
  }
}

/** Once a move is approved: the successor's assignment (and the rotated official's next one) start, appointed by the same decision. */
export async function launchSuccessor(run: AssignmentRun): Promise<void> {
  const { assignmentId, areaId, officialId, policy } = run.input;
  const handover = run.handover;
  if (!run.snapshot.matches('handingOver') || !handover || handover.launched) return;
  const approved = run.snapshot.context.handover!;
  const successorOfficialId = approved.successorOfficialId!;
  const appointedBy = { approver: handover.approver, decision: approved.decision };
  await startOnce('assignmentWorkflow', assignmentWorkflowId(handover.successorAssignmentId), {
    assignmentId: handover.successorAssignmentId,
    areaId,
    officialId: successorOfficialId,
    proposedBy: approved.proposal.proposedBy,
    reason: approved.proposal.reason,
    effectiveFrom: handover.successorEffectiveFrom,
    policy,
    predecessor: { assignmentId, workflowId: run.workflowId },
    appointedBy,
  });
  if (handover.officialNextAreaId) {
    const nextAssignmentId = uuid4();
    await startOnce('assignmentWorkflow', assignmentWorkflowId(nextAssignmentId), {
      assignmentId: nextAssignmentId,
      areaId: handover.officialNextAreaId,
      officialId,
      proposedBy: approved.proposal.proposedBy,
      reason: `Rotation from area ${areaId}`,
      effectiveFrom: handover.successorEffectiveFrom,
      policy,
      appointedBy,
    });
  }
  handover.launched = true;
  await run.persist({
    action: 'HANDOVER_STARTED',
    actorId: 'system',
    fromState: run.state(),
    payload: {
      successorAssignmentId: handover.successorAssignmentId,
      successorOfficialId,
      effectiveFrom: handover.successorEffectiveFrom,
    },
  });
}

function groundKey(ground: Ground): string {
  switch (ground.kind) {
    case 'VERIFIED_COMPLAINT':
      return `ground:complaint:${ground.complaintId}`;
    case 'NOT_COMPLETED_RATING':
    case 'AREA_PROPOSED_REPLACEMENT':
      return `ground:${ground.kind}:${ground.year}`;
    case 'POSITION_CHANGED':
      return 'ground:position';
  }
}

function groundReason(ground: Ground): string {
  switch (ground.kind) {
    case 'VERIFIED_COMPLAINT':
      return `Complaint ${ground.complaintId} verified as well-founded`;
    case 'NOT_COMPLETED_RATING':
      return `Rated "not completed" for ${ground.year}`;
    case 'AREA_PROPOSED_REPLACEMENT':
      return `The area's committee proposed a replacement in its ${ground.year} evaluation`;
    case 'POSITION_CHANGED':
      return `Position changed: ${ground.note}`;
  }
}

/**
 * The patch after which months and evaluations start as child workflows (a command of the workflow task) rather than
 * through the client from a local activity, which held each workflow task for a round trip to the server. Never rename it.
 */
const OWN_WORKFLOWS_AS_CHILDREN = 'months-and-evaluations-as-children';

/**
 * Starts a month or a year's evaluation, once. A child that outlives this run: abandoned when the run continues as
 * new or closes, and left running if the assignment is cancelled. Awaited until the server has started it, so no run
 * continues as new with a start still pending; while catching up, awaited with the catch-up's other starts before the
 * workflow next waits (catch-up.ts). A retry of the step that finds it already started (or finished) is done.
 */
async function startOwn<W extends 'monthlyCycleWorkflow' | 'annualEvaluationWorkflow'>(
  run: AssignmentRun,
  workflowType: W,
  workflowId: string,
  input: StartableWorkflowInputs[W],
): Promise<void> {
  if (!startsChildren() || !patched(OWN_WORKFLOWS_AS_CHILDREN)) return startOnce(workflowType, workflowId, input);
  if (run.catchUp) {
    run.catchUp.started(startChild(workflowType, childOptions(workflowId, input)));
    return;
  }
  try {
    await startChild(workflowType, childOptions(workflowId, input));
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

const childOptions = (workflowId: string, input: unknown) => ({
  workflowId,
  args: [input],
  parentClosePolicy: ParentClosePolicy.ABANDON,
  cancellationType: ChildWorkflowCancellationType.ABANDON,
  workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
});

/**
 * Starts a workflow that outlives this run through the client, from a local activity: a successor's assignment
 * (it outlives this one's closing), and the months and evaluations of runs recorded before the patch above.
 */
async function startOnce<W extends StartableWorkflowType>(
  workflowType: W,
  workflowId: string,
  input: StartableWorkflowInputs[W],
): Promise<void> {
  await records.startWorkflowOnce({ workflowType, workflowId, input });
}

/** The rotation decision's deadline opens, due at the mandatory term (or, for an imported assignment, soon after). */
export function openRotationDeadline(
  run: AssignmentRun,
  dueAt: number,
  version?: { label: string; programmeId: string },
): Promise<unknown> {
  return run.recordDeadline({
    idempotencyKey: run.keys.next('ROTATION_DEADLINE_OPENED'),
    at: nowIso(),
    actorId: 'system',
    action: 'ROTATION_DEADLINE_OPENED',
    deadline: run.rotationDeadline,
    change: { kind: 'OPENED', dueAt: new Date(dueAt).toISOString() },
    ...(version && { payload: { policyVersion: policyVersionOf(version) } }),
  });
}
