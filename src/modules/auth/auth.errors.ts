import { PLATFORM_ERRORS } from '../../lib/platform.errors.js';
import { AppError, defineErrors } from '../../lib/problem.js';

/** OAuth errors carry RFC 6749 `error` / `error_description` inside our problem+json envelope. */
export const AUTH_ERRORS = defineErrors({
  invalid_client: { status: 401, description: 'Unknown client, wrong secret, or no credentials sent.' },
  invalid_scope: { status: 400, description: 'The client may not request one of the scopes asked for.' },
  unsupported_grant_type: { status: 400, description: 'Only grant_type=client_credentials is supported.' },
});

export const oauthError = (error: keyof typeof AUTH_ERRORS, description: string) =>
  new AppError(AUTH_ERRORS[error], description, {
    error,
    error_description: description,
    ...(AUTH_ERRORS[error].status === 401 ? { headers: { 'www-authenticate': 'Basic realm="claims-api"' } } : {}),
  });

export const invalidToken = (message: string) =>
  new AppError(PLATFORM_ERRORS.invalid_token, message, {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

export const insufficientScope = (missing: string[], required: string[]) =>
  new AppError(PLATFORM_ERRORS.insufficient_scope, `This operation needs the scope ${missing.join(' ')}.`, {
    headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${required.join(' ')}"` },
  });
