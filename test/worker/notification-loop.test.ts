import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { NotificationLoop } from '../../worker/notification-loop';

/** A dispatcher whose rounds report the given `more` in turn, then none; it counts its rounds. */
function rounds(more: boolean[], failAt?: number) {
  const dispatcher = {
    ticks: 0,
    async tick() {
      const round = dispatcher.ticks++;
      if (round === failAt) throw new Error('database unavailable');
      return { planned: 0, sent: 0, failed: 0, more: more[round] ?? false };
    },
  };
  return dispatcher;
}

describe('the notification loop', () => {
  it('follows a round that took a full batch at once, and waits its poll after one that did not', async () => {
    const dispatcher = rounds([true, true, true, false]);
    const loop = new NotificationLoop(dispatcher, 60_000).start();
    await sleep(300);
    await loop.stop();
    // Three full rounds and the one that emptied the outbox; the next waits a minute.
    expect(dispatcher.ticks).toBe(4);
  });

  it('waits its poll after a failed round, however full the round before it was', async () => {
    const log: string[] = [];
    const dispatcher = rounds([true, true, true], 1);
    const loop = new NotificationLoop(dispatcher, 60_000, (line) => log.push(line)).start();
    await sleep(300);
    await loop.stop();
    expect(dispatcher.ticks).toBe(2);
    expect(log).toEqual(['notifications: database unavailable']);
  });
});
