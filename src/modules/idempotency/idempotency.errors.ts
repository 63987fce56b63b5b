import { AppError, defineErrors } from '../../lib/problem.js';

export const IDEMPOTENCY_ERRORS = defineErrors({
  invalid_idempotency_key: { status: 400, description: 'Idempotency-Key must be 1–255 visible ASCII characters.' },
  idempotency_key_reused: {
    status: 422,
    description: 'The Idempotency-Key was already used with a different request; use a new key for a new request.',
  },
  idempotency_request_in_progress: {
    status: 409,
    description:
      'A request with the same Idempotency-Key is still in flight; retry soon. `Retry-After` is the most it can take: by then the key is yours even if that request never finishes.',
  },
});

export const invalidKey = () =>
  new AppError(IDEMPOTENCY_ERRORS.invalid_idempotency_key, 'Idempotency-Key must be 1–255 visible ASCII characters.', {
    errors: [{ path: 'idempotency-key', code: 'invalid_format', message: '1–255 visible ASCII characters' }],
  });

export const keyReused = () =>
  new AppError(
    IDEMPOTENCY_ERRORS.idempotency_key_reused,
    'This Idempotency-Key was used with a different request; use a new key for a new request.',
  );

/** `seconds`: until the key can be claimed even if the request holding it never finishes (its lease's end). */
export const requestInProgress = (seconds: number) =>
  new AppError(
    IDEMPOTENCY_ERRORS.idempotency_request_in_progress,
    `A request with this Idempotency-Key is still in progress; retry within ${seconds} s (it may finish sooner).`,
    { headers: { 'retry-after': String(seconds) } },
  );
