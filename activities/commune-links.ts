import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { dayOf, type IsoDay } from '../machines/calendar';
import { communeMonitoringWorkflowId } from '../machines/commune-filings';
// Types only: the workflows sit above the activities, which start them by type name with these inputs.
import type { CommuneMonitoringInput } from '../workflows/commune-monitoring.schemas';

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

/** Every workflow a link runs, in the order they start. */
const LINK_WORKFLOWS: ((link: CommuneLinkToStart, today: IsoDay) => LinkWorkflowStart)[] = [monitoring];

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
