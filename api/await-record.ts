/** How long a write route waits for its workflow's first write, so that a read right after its answer finds it. */
export const RECORD_WAIT_MS = 5_000;
const RECORD_POLL_MS = 50;

/**
 * Waits, briefly, until the workflow a route just started has stored its first record (`found` answers truthy).
 * Past the bound the route answers anyway: the workflow is started and the record follows.
 */
export async function awaitRecord(found: () => Promise<unknown>, waitMs = RECORD_WAIT_MS): Promise<boolean> {
  for (const giveUpAt = Date.now() + waitMs; ;) {
    if (await found()) return true;
    if (Date.now() >= giveUpAt) return false;
    await new Promise((resolve) => setTimeout(resolve, RECORD_POLL_MS));
  }
}
