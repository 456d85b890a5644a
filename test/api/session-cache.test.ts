import { describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/auth/principal';
import { SessionCache } from '../../api/auth/session-cache';

const principal = (id: string): Principal => ({
  userId: id,
  username: id,
  displayName: id,
  actor: { id, roles: ['OFFICIAL'] },
});

describe('SessionCache', () => {
  it('remembers a session for its time to live, then forgets it', () => {
    const cache = new SessionCache(5_000);
    cache.set('s1', principal('u1'), 1_000);
    expect(cache.get('s1', 5_999)?.userId).toBe('u1');
    expect(cache.get('s1', 6_000)).toBeUndefined();
  });

  it('forgets a session on logout at once', () => {
    const cache = new SessionCache();
    cache.set('s1', principal('u1'));
    cache.forget('s1');
    expect(cache.get('s1')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const cache = new SessionCache(60_000, 2);
    cache.set('a', principal('a'), 0);
    cache.set('b', principal('b'), 0);
    cache.set('c', principal('c'), 0);
    expect([cache.get('a', 1), cache.get('b', 1)?.userId, cache.get('c', 1)?.userId]).toEqual([undefined, 'b', 'c']);
  });
});
