import { AppError, defineErrors, type FieldError } from './problem.js';

/** Errors of the platform itself (validation, auth, concurrency, paging, HTTP), shared by every module. */
export const PLATFORM_ERRORS = defineErrors({
  validation_failed: {
    status: 400,
    description: 'The request is malformed or a field is invalid; `errors` lists each bad field. Nothing was changed.',
  },
  invalid_value: {
    status: 400,
    description: 'A value cannot be stored (out of range, or a control character such as NUL). Nothing was changed.',
  },
  invalid_json: { status: 400, description: 'The body is not valid JSON.' },
  invalid_content_length: { status: 400, description: 'Content-Length does not match the body.' },
  bad_request: { status: 400, description: 'The HTTP request itself is malformed.' },
  invalid_url: { status: 400, description: 'The URL is not valid (a malformed percent-encoding, for example).' },
  request_timeout: { status: 408, description: 'The request was not received in time; send it again.' },
  uri_too_long: { status: 414, description: 'A path segment is longer than the API accepts.' },
  headers_too_large: {
    status: 431,
    description: 'The request headers are larger than the server accepts (16 KiB in all); send fewer or smaller ones.',
  },
  invalid_cursor: { status: 400, description: 'The cursor is not one this API returned; pass `nextCursor` unchanged.' },
  invalid_token: {
    status: 401,
    description: 'The bearer token is missing, malformed, expired or not signed by a trusted key.',
  },
  route_not_secured: {
    status: 401,
    description: 'The operation declares no security and is refused by default (a server defect: report it).',
  },
  insufficient_scope: { status: 403, description: 'The token is valid but lacks the scope this operation needs.' },
  resource_not_found: { status: 404, description: 'No such object in your organization.' },
  route_not_found: { status: 404, description: 'No such route.' },
  conflict: {
    status: 409,
    description: 'A conflicting object was created at the same time by another request; retrieve it or retry.',
  },
  precondition_failed: {
    status: 412,
    description: 'If-Match does not match the current ETag: someone changed the object since you read it.',
  },
  payload_too_large: { status: 413, description: 'The body is larger than the API accepts.' },
  unsupported_media_type: { status: 415, description: 'The Content-Type is not one this operation accepts.' },
  precondition_required: { status: 428, description: 'If-Match is required for this operation.' },
  rate_limited: { status: 429, description: 'Too many requests; retry after `Retry-After` seconds.' },
  internal_error: { status: 500, description: 'Something went wrong on our side; retry later.' },
  database_unavailable: { status: 503, description: 'The database does not answer; this instance is not ready.' },
  overloaded: {
    status: 503,
    description:
      'This instance is overloaded (its event loop lags or its database connections are all taken); retry after `Retry-After` seconds.',
  },
  shutting_down: {
    status: 503,
    description:
      'This instance is shutting down and takes no new requests; retry after `Retry-After` seconds (another instance answers).',
  },
});

export const notFound = (resource: string, id: string, path?: string) =>
  new AppError(
    PLATFORM_ERRORS.resource_not_found,
    `No ${resource} with id '${id}' exists.`,
    path ? { errors: [{ path, code: 'not_found', message: `no such ${resource}` }] } : {},
  );

export const validationFailed = (errors: FieldError[], message = 'The request is not valid.') =>
  new AppError(PLATFORM_ERRORS.validation_failed, message, { errors });

export const invalidCursor = (message: string, error: FieldError) =>
  new AppError(PLATFORM_ERRORS.invalid_cursor, message, { errors: [error] });
