import { performance } from 'node:perf_hooks';

/** What one bounded load run measured: how many operations, over how long, and each one's latency. */
export interface LoadResult {
  count: number;
  seconds: number;
  latenciesMs: number[];
}

/**
 * Runs `total` operations with `concurrency` of them in flight (a closed loop: each worker starts its
 * next operation when the previous one finishes), timing each one. An operation that throws stops the run.
 */
export async function runLoad(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
): Promise<LoadResult> {
  const latenciesMs: number[] = new Array<number>(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const start = performance.now();
      await op(i);
      latenciesMs[i] = performance.now() - start;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { count: total, seconds: (performance.now() - start) / 1000, latenciesMs };
}

/** Several runs of one operation (e.g. halves interleaved with its floor) as one result. */
export function mergeResults(results: LoadResult[]): LoadResult {
  return {
    count: results.reduce((n, r) => n + r.count, 0),
    seconds: results.reduce((s, r) => s + r.seconds, 0),
    latenciesMs: results.flatMap((r) => r.latenciesMs),
  };
}

export interface LoadStats {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Nearest-rank percentile (p in 0..100) of latencies in ms. */
export function percentile(latenciesMs: number[], p: number): number {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const statsOf = (r: LoadResult): LoadStats => ({
  perSecond: r.count / r.seconds,
  p50: percentile(r.latenciesMs, 50),
  p99: percentile(r.latenciesMs, 99),
});
