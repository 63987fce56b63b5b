import { PLATFORM_ERRORS } from './platform.errors.js';
import { AppError } from './problem.js';

/** Strong ETag derived from the row's version counter (bumped on every change). */
export const etagOf = (version: number) => `"v${version}"`;

/**
 * Reads If-Match for a PATCH: 428 when missing, 412 when it cannot match; returns the expected
 * version, or null for `*` (any current version, RFC 9110 §13.1.1).
 */
export function expectedVersion(ifMatch: string | undefined): number | null {
  if (!ifMatch) {
    throw new AppError(
      PLATFORM_ERRORS.precondition_required,
      'Send If-Match with the ETag you last read; updates without it are refused.',
    );
  }
  if (ifMatch.trim() === '*') return null;
  const m = /^"v(\d{1,9})"$/.exec(ifMatch.trim());
  if (!m) throw preconditionFailed();
  return Number(m[1]);
}

export const preconditionFailed = () =>
  new AppError(
    PLATFORM_ERRORS.precondition_failed,
    'The resource changed since you read it (ETag mismatch). Re-read it and retry.',
  );
