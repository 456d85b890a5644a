import { type Client, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { assignmentStateQuery } from '../../workflows/assignment.messages';
import { initialCursor } from '../../workflows/assignment/cursor';
import { dayOf } from '../../machines/calendar';
import { assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { monthlyCycleStateQuery } from '../../workflows/monthly-cycle.messages';
import { refusingClosed } from '../closed-workflows';
import { Refusal, notFound } from '../errors';

export const MONTH_NOT_OPEN = 'MONTH_NOT_OPEN';
export const MONTH_OPENING = 'MONTH_OPENING';

/** How long a filing waits for a month that is opening; the assignment's workflow opens it within a few seconds. */
const OPENING_WAIT_MS = 10_000;
const OPENING_POLL_MS = 200;

const monthOf = (instantMs: number) => dayOf(instantMs).slice(0, 7);

/**
 * Sends a filing to the month's workflow; a month already ended answers the 409 of a closed workflow. That workflow is
 * started by the assignment's own when the month begins, or at once when an approval takes effect in the past, a
 * moment after the approval answers: a filing sent in that moment waits for the month to open instead of failing. A
 * month that will not open (before the assignment's first month, still to come, or the assignment not serving) is
 * refused with the reason, never a bare "not found".
 */
export async function sendToMonth<T>(
  temporal: Client,
  assignmentId: string,
  period: string,
  update: (cycle: WorkflowHandle) => Promise<T>,
): Promise<T> {
  const cycle = temporal.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, period));
  const send = () =>
    refusingClosed(
      () => update(cycle),
      () => cycle.query(monthlyCycleStateQuery),
    );
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  const view = await temporal.workflow
    .getHandle(assignmentWorkflowId(assignmentId))
    .query(assignmentStateQuery)
    .catch((error: unknown) => {
      throw error instanceof WorkflowNotFoundError ? notFound('assignment', assignmentId) : error;
    });
  // The first month with a plan and report is the effective month when it starts on the 1st, else the one after.
  // An assignment imported in force: its months before the import's first read "before the system".
  const { imported } = view;
  const firstMonth = imported?.firstMonth ?? initialCursor(dayOf(Date.parse(view.deadlines.effectiveFrom))).nextMonth;
  const thisMonth = monthOf(Date.now());
  // Right after an approval ('scheduled'), while a backdated one catches up month by month, or at the turn of a month,
  // the month's workflow is about to start; the wait below is bounded either way.
  const serving = view.state === 'scheduled' || view.state.startsWith('active') || view.state === 'handingOver';
  if (!serving || period < firstMonth || period > thisMonth) {
    const why =
      period < firstMonth
        ? imported
          ? `${period} is before the system: the assignment was imported on ${imported.on}, its first month in the system is ${firstMonth}`
          : `the first month of the assignment is ${firstMonth}`
        : period > thisMonth
          ? `${period} has not begun`
          : `the assignment is ${view.state}`;
    throw new Refusal(409, MONTH_NOT_OPEN, `The plan and report of ${period} are not open: ${why}`, {
      state: view.state,
      firstMonth,
      ...(imported && period < firstMonth && { beforeTheSystem: true }),
      allowedEvents: [],
    });
  }
  for (const giveUpAt = Date.now() + OPENING_WAIT_MS; Date.now() < giveUpAt;) {
    await new Promise((resolve) => setTimeout(resolve, OPENING_POLL_MS));
    const started = await cycle.describe().then(
      () => true,
      (error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      },
    );
    if (started) return send();
  }
  throw new Refusal(
    503,
    MONTH_OPENING,
    `The plan and report of ${period} are still opening; try again in a few seconds`,
    { retryAfterSeconds: 5 },
  );
}
