import type { Clock } from './clock.js';

/**
 * A bounded, expiring least-recently-used map for per-process caches on the request path. Bounded so a flood
 * of distinct keys (tokens naming made-up organizations, many clients) cannot grow memory; expiring so a change
 * made through another process is seen within `ttlMs`. Time comes from the injected clock.
 */
export function createTtlCache<K, V>(opts: { max: number; ttlMs: number; clock: Clock }) {
  const entries = new Map<K, { at: number; value: V }>();
  const now = () => opts.clock.now().getTime();

  return {
    get(key: K): V | undefined {
      const hit = entries.get(key);
      if (!hit) return undefined;
      entries.delete(key);
      if (now() - hit.at >= opts.ttlMs) return undefined;
      entries.set(key, hit); // re-inserted: Map order is the recency order
      return hit.value;
    },
    set(key: K, value: V): void {
      entries.delete(key);
      if (entries.size >= opts.max) entries.delete(entries.keys().next().value as K);
      entries.set(key, { at: now(), value });
    },
    delete(key: K): void {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
export type TtlCache<K, V> = ReturnType<typeof createTtlCache<K, V>>;
