import { sqlState } from './problem.js';

/**
 * What a 5xx log line may carry: the error's class, codes and stack frames, never its message. Driver
 * and validation messages can quote the values that failed (a name, a member id), and logs hold no PHI.
 */
export function describeFailure(error: unknown): Record<string, unknown> {
  const e = error as { name?: string; code?: unknown; stack?: string; cause?: unknown };
  const frames = (e?.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 12);
  return {
    type: e?.name ?? typeof error,
    code: e?.code,
    sqlState: sqlState(error),
    frames,
    cause: e?.cause ? (e.cause as { name?: string }).name : undefined,
  };
}
