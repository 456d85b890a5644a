/**
 * Drives people's actions at chosen instants of server time, in order. An action that returns
 * 'retry' (its moment has not come: e.g. waiting for an escalation) runs again a day later.
 */
export type DriverAction = { at: number; label: string; run: () => Promise<'done' | 'retry' | void> };

const DAY = 24 * 60 * 60 * 1000;

export async function drive(
  actions: DriverAction[],
  sleepUntil: (at: number) => Promise<void>,
  maxRetries = 60,
): Promise<void> {
  const queue = [...actions];
  const retries = new Map<string, number>();
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at);
    const action = queue.shift()!;
    await sleepUntil(action.at);
    if (process.env.DEBUG_DRIVER) console.log(`[driver] ${(performance.now() / 1000).toFixed(1)}s ${action.label}`);
    if ((await action.run()) !== 'retry') continue;
    const count = (retries.get(action.label) ?? 0) + 1;
    if (count > maxRetries) throw new Error(`${action.label}: still waiting after ${maxRetries} days`);
    retries.set(action.label, count);
    queue.push({ ...action, at: action.at + DAY });
  }
}

/** 12:00 in Vietnam on a local day (YYYY-MM-DD). */
export const noonInVietnam = (day: string) => Date.parse(`${day}T05:00:00.000Z`);
