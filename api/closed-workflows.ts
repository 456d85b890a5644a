import { WorkflowNotFoundError } from '@temporalio/client';
import { TRANSITION_REFUSED } from '../workflows/refusal';
import { Refusal } from './errors';

/**
 * Temporal answers an update to a finished workflow as "not found", but the resource exists and is merely closed:
 * a query still reads its final state, and the caller gets the 409 any refused event gets.
 */
export async function refusingClosed<T>(
  send: () => Promise<T>,
  finalView: () => Promise<{ state: string; allowedEvents: string[] }>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    const view = await finalView().catch(() => null);
    if (!view) throw error;
    throw new Refusal(409, TRANSITION_REFUSED, `Nothing is allowed any more: it has ended in state ${view.state}`, {
      state: view.state,
      allowedEvents: view.allowedEvents,
    });
  }
}
