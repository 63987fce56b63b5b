import { performance } from 'node:perf_hooks';

/**
 * Repeated timings of synchronous work on this thread: warm-up runs, then measured rounds in which every side runs
 * once, the order alternating from round to round so a busy stretch of the machine falls on all sides alike. Full
 * garbage collections run before each timed run when the process has `global.gc` (node --expose-gc), so one run's
 * garbage is not collected on the next one's clock.
 */

export interface Timing {
  samplesMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function timingOf(samplesMs: number[]): Timing {
  return { samplesMs, medianMs: median(samplesMs), minMs: Math.min(...samplesMs), maxMs: Math.max(...samplesMs) };
}

/**
 * A digest of the last result (a string's length, or the value itself), so the work's result is used. Only the
 * digest is kept: node-x12's output is a rope of some 130 MB until it is flattened, and keeping it alive would
 * make every later run's garbage collections trace it.
 */
let sink: unknown = null;
export const lastResult = () => sink;

/**
 * One side of a comparison: `prepare` builds its input untimed, right before each of its runs, and the input is
 * dropped after the run, so a side's garbage collections never trace another side's input (the 837P floor's
 * element arrays hold some 3 million strings; our writer's spec has 20,000 claims).
 */
export interface Side<T> {
  prepare(): T;
  run(input: T): unknown;
}

type AnySide = Side<unknown> | (() => unknown);

export function timeOnce(side: AnySide): number {
  sink = null;
  const prepared = typeof side === 'function' ? null : side.prepare();
  // Twice: a full collection first finishes sweeping the previous one's pages, which V8 otherwise does on
  // helper threads during the next run (after node-x12's 130 MB rope, enough to slow that run by a fifth).
  gc?.();
  gc?.();
  const start = performance.now();
  const result = typeof side === 'function' ? side() : side.run(prepared);
  const ms = performance.now() - start;
  sink = typeof result === 'string' ? result.length : result;
  return ms;
}

export const hasGc = () => gc !== undefined;

/** Heap in use after full collections (without --expose-gc: whatever is in use, garbage included), in MB. */
export function liveHeapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

/** `rounds` measured rounds (after `warmup` untimed ones) of every side; each side's timing by name. */
export function alternate<K extends string>(
  sides: Record<K, AnySide>,
  rounds: number,
  warmup: number,
): Record<K, Timing> {
  const names = Object.keys(sides) as K[];
  for (let i = 0; i < warmup; i++) for (const name of names) timeOnce(sides[name]);
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name].push(timeOnce(sides[name]));
  }
  return Object.fromEntries(names.map((n) => [n, timingOf(samples[n])])) as Record<K, Timing>;
}

/** Round-by-round ratios a / b (same round, so the same machine conditions), for the spread of a ratio. */
export function roundRatios(a: Timing, b: Timing): { min: number; max: number; median: number } {
  const ratios = a.samplesMs.map((ms, i) => ms / b.samplesMs[i]!);
  return { min: Math.min(...ratios), max: Math.max(...ratios), median: median(ratios) };
}
