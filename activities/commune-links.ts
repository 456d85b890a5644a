import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { dayOf, type IsoDay } from '../machines/calendar';
import { communeCommentWorkflowId } from '../machines/commune-comment';
import { communeMonitoringWorkflowId } from '../machines/commune-filings';
// Types only: the workflows sit above the activities, which start and signal them by name with these inputs.
import type { CommuneCommentInput } from '../workflows/commune-comment.workflow';
import type { CommuneLinkEndedArgs, CommuneMonitoringInput } from '../workflows/commune-monitoring.schemas';

/** A leader's commune under a programme (an AgencyLeaderArea row), as far as starting its workflows needs it. */
export interface CommuneLinkToStart {
  id: string;
  /** YYYY-MM-DD, Vietnam's day */
  from: IsoDay;
  until?: IsoDay | null | undefined;
}

interface LinkWorkflowStart {
  workflowType: string;
  workflowId: string;
  input: unknown;
}

/**
 * The yearly filings of the link: the first run is the year of today or of the link's `from`, whichever is later,
 * owing only the filings due from that day on, so a link made mid-year (or a workflow started late) starts with the
 * deadlines still ahead.
 */
function monitoring(link: CommuneLinkToStart, today: IsoDay): LinkWorkflowStart {
  const owedFrom = link.from > today ? link.from : today;
  const input: CommuneMonitoringInput = { linkId: link.id, year: Number(owedFrom.slice(0, 4)), owedFrom };
  return { workflowType: 'communeMonitoringWorkflow', workflowId: communeMonitoringWorkflowId(link.id), input };
}

/** The commune committee's year-end comment forms on the leader: one workflow, a run per year from the first year. */
function comments(link: CommuneLinkToStart, today: IsoDay): LinkWorkflowStart {
  const first = link.from > today ? link.from : today;
  const input: CommuneCommentInput = { linkId: link.id, year: Number(first.slice(0, 4)) };
  return { workflowType: 'communeCommentWorkflow', workflowId: communeCommentWorkflowId(link.id), input };
}

/** Every workflow a link runs, in the order they start. */
const LINK_WORKFLOWS: ((link: CommuneLinkToStart, today: IsoDay) => LinkWorkflowStart)[] = [monitoring, comments];

/**
 * Starts the workflows of leaders' communes: the one place that does. Ids derive from the link, so a second call (a
 * demo applied again, a retried request) starts nothing; a link already ended (`until` passed) starts nothing.
 */
export async function startCommuneLinkWorkflows(
  temporal: { client: Client; taskQueue: string },
  links: readonly CommuneLinkToStart[],
  today: IsoDay = dayOf(Date.now()),
): Promise<{ started: number; alreadyStarted: number }> {
  let started = 0;
  let alreadyStarted = 0;
  for (const link of links) {
    if (link.until && link.until < today) continue;
    for (const start of LINK_WORKFLOWS.map((of) => of(link, today))) {
      try {
        await temporal.client.workflow.start(start.workflowType, {
          taskQueue: temporal.taskQueue,
          workflowId: start.workflowId,
          args: [start.input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        started += 1;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        alreadyStarted += 1;
      }
    }
  }
  return { started, alreadyStarted };
}

/** The signal both of a link's workflows take when the link ends (workflows/commune-monitoring.messages.ts). */
const LINK_ENDED_SIGNAL = 'communeLinkEnded';

/**
 * Tells each workflow of a link that the link ended on `until`, after the end was written: the filings' workflow
 * cancels what falls due after it and stops; the comment forms' workflow asks no form for a year whose request day
 * comes after it. Each workflow also reads the link's `until` when a run starts (and the comment forms' again on the
 * request day), so a run that starts after the end learns it from the record. A workflow not running (never started,
 * or already closed) has nothing to end. A signal that reaches a run while it is busy with a task is recorded when
 * the task completes: it is not lost, but it shows in the history only then.
 */
export async function endCommuneLinkWorkflows(
  temporal: { client: Client },
  link: { id: string; until: IsoDay },
): Promise<{ signalled: number; notRunning: number }> {
  let signalled = 0;
  let notRunning = 0;
  for (const workflowId of [communeMonitoringWorkflowId(link.id), communeCommentWorkflowId(link.id)]) {
    try {
      await temporal.client.workflow
        .getHandle(workflowId)
        .signal<[CommuneLinkEndedArgs]>(LINK_ENDED_SIGNAL, { until: link.until });
      signalled += 1;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      notRunning += 1;
    }
  }
  return { signalled, notRunning };
}
