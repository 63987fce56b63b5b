/**
 * The one place that reads the wall clock. Services take a Clock as a dependency, so tests fix time
 * and every "today" in the product comes from the same instant.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put: tests set it, move it, and read what services saw. */
export interface FixedClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function fixedClock(at: Date | string): FixedClock {
  let current = new Date(at).getTime();
  if (Number.isNaN(current)) throw new RangeError(`fixedClock: '${String(at)}' is not an instant.`);
  return {
    now: () => new Date(current),
    set(next) {
      const ms = new Date(next).getTime();
      if (Number.isNaN(ms)) throw new RangeError(`fixedClock: '${String(next)}' is not an instant.`);
      current = ms;
    },
    advance(ms) {
      current += ms;
    },
  };
}
