import { describe, expect, it } from 'vitest';
import { InTurn } from '../../workflows/one-writer';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('InTurn', () => {
  it('starts each call once the one asked before it has settled, so they land in the order asked', async () => {
    const turn = new InTurn();
    const log: string[] = [];
    const call = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await later(undefined, ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([turn.take(call('a', 20)), turn.take(call('b', 1)), turn.take(call('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets a failed call fail its caller only: the next one still runs', async () => {
    const turn = new InTurn();
    const failed = turn.take(() => Promise.reject(new Error('database unavailable')));
    const next = turn.take(() => later('written', 1));
    await expect(failed).rejects.toThrow('database unavailable');
    await expect(next).resolves.toBe('written');
    await expect(turn.settled).resolves.toBeUndefined();
  });
});
