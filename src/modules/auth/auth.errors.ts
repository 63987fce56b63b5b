import { AppError } from '../../lib/problem.js';

/** OAuth errors carry RFC 6749 `error` / `error_description` inside our problem+json envelope. */
export const oauthError = (status: 400 | 401, error: string, description: string) =>
  new AppError(status, error, description, {
    error,
    error_description: description,
    ...(status === 401 ? { headers: { 'www-authenticate': 'Basic realm="claims-api"' } } : {}),
  });
