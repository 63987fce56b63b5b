import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTtlCache } from '../../src/lib/ttl-cache.js';

describe('createTtlCache', () => {
  it('forgets entries once they are older than the TTL', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const cache = createTtlCache<string, number>({ max: 10, ttlMs: 30_000, clock });
    cache.set('a', 1);
    clock.advance(29_999);
    expect(cache.get('a')).toBe(1);
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its bound, evicting the least recently used entry', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const cache = createTtlCache<string, number>({ max: 3, ttlMs: 60_000, clock });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recent; b the least
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
    for (let i = 0; i < 1000; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
  });
});
