/**
 * After a reorganisation is recorded, each running assignment on a unit that ceases or changes is told by the signal
 * its workflow defines (workflows/cross-workflow.messages.ts); the workflow owns the date and closes on the effective
 * day by its own timer, or keeps running. The signal names the reorganisation, so a workflow told twice (a retry of
 * the request) recognises it. A workflow no longer running is skipped and logged: the record stands either way.
 * Each future meeting the plan cancels (of a unit that ceases, dated on or after the effective day) is told the same
 * signal: its workflow cancels it on that day with AREA_REORGANIZED if it is still ahead then.
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { ReorganizationPlan } from '../../domain/reorganisations/plan';
import type { YearsCarried } from '../../domain/reorganisations/successor-proposals';
import {
  AreaReorganizedArgsSchema,
  areaReorganizedSignal,
  YearsServedCarriedArgsSchema,
  yearsServedCarriedSignal,
} from '../../workflows/cross-workflow.messages';
import { assignmentWorkflowId } from '../../workflows/ids';
import { meetingWorkflowId } from '../../workflows/meeting.schemas';

export interface SignalOutcome {
  assignmentId: string;
  outcome: 'SIGNALLED' | 'NOT_RUNNING';
}

export async function signalAssignments(
  temporal: Client,
  log: FastifyBaseLogger,
  reorganizationId: string,
  plan: ReorganizationPlan,
): Promise<SignalOutcome[]> {
  const outcomes: SignalOutcome[] = [];
  for (const a of plan.assignments) {
    const args = AreaReorganizedArgsSchema.parse({
      reorganizationId,
      effectiveOn: plan.effectiveOn,
      outcome: a.outcome === 'CLOSES' ? 'CEASES' : 'CONTINUES',
      successorAreaIds: a.successorAreaIds,
    });
    try {
      await temporal.workflow.getHandle(assignmentWorkflowId(a.id)).signal(areaReorganizedSignal, args);
      outcomes.push({ assignmentId: a.id, outcome: 'SIGNALLED' });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      log.warn(
        { assignmentId: a.id, reorganizationId },
        'reorganisation: assignment workflow not running, not signalled',
      );
      outcomes.push({ assignmentId: a.id, outcome: 'NOT_RUNNING' });
    }
  }
  return outcomes;
}

export interface MeetingSignalOutcome {
  meetingId: string;
  outcome: 'SIGNALLED' | 'NOT_RUNNING';
}

/** Tells each meeting the plan cancels (outcome CANCELLED) that its area ceases on the effective day. */
export async function signalMeetings(
  temporal: Client,
  log: FastifyBaseLogger,
  reorganizationId: string,
  plan: ReorganizationPlan,
): Promise<MeetingSignalOutcome[]> {
  const outcomes: MeetingSignalOutcome[] = [];
  for (const m of plan.meetings.filter((meeting) => meeting.outcome === 'CANCELLED')) {
    const unit = plan.predecessors.find((p) => p.area.id === m.areaId);
    const args = AreaReorganizedArgsSchema.parse({
      reorganizationId,
      effectiveOn: plan.effectiveOn,
      outcome: 'CEASES',
      successorAreaIds: unit?.successorAreaIds ?? [],
    });
    try {
      await temporal.workflow.getHandle(meetingWorkflowId(m.id)).signal(areaReorganizedSignal, args);
      outcomes.push({ meetingId: m.id, outcome: 'SIGNALLED' });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      log.warn({ meetingId: m.id, reorganizationId }, 'reorganisation: meeting workflow not running, not signalled');
      outcomes.push({ meetingId: m.id, outcome: 'NOT_RUNNING' });
    }
  }
  return outcomes;
}

/**
 * Once leadership settled a successor proposal with an official who continues on the unit, the assignment is told the
 * start of the years it carries; its workflow counts the rotation from then. Told again on a retry, it changes nothing.
 */
export async function signalYearsCarried(
  temporal: Client,
  log: FastifyBaseLogger,
  proposalId: string,
  carried: YearsCarried,
): Promise<'SIGNALLED' | 'NOT_RUNNING'> {
  const args = YearsServedCarriedArgsSchema.parse({
    servedFrom: carried.servedFrom,
    fromAssignmentId: carried.fromAssignmentId,
    proposalId,
  });
  try {
    await temporal.workflow
      .getHandle(assignmentWorkflowId(carried.assignmentId))
      .signal(yearsServedCarriedSignal, args);
    return 'SIGNALLED';
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    log.warn({ assignmentId: carried.assignmentId, proposalId }, 'successor proposal: assignment workflow not running');
    return 'NOT_RUNNING';
  }
}
