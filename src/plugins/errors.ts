import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { PLATFORM_ERRORS } from '../lib/platform.errors.js';
import { describeFailure } from '../lib/failure.js';
import { AppError, type ErrorSpec, type FieldError, sqlState, titleFor } from '../lib/problem.js';

/** Every problem type resolves on this API: GET /problems/{code} (src/modules/problems) says what it means. */
export const PROBLEM_BASE = '/problems/';

/** The RFC 9457 body of an AppError (also written raw, by the handlers that answer before Fastify routes). */
export function problemBody(err: AppError, requestId: string) {
  const { errors, headers: _headers, ...extra } = err.extra;
  return {
    type: `${PROBLEM_BASE}${err.code}`,
    title: titleFor(err.status),
    status: err.status,
    detail: err.message,
    code: err.code,
    requestId,
    ...(errors ? { errors } : {}),
    ...extra,
  };
}

/** Problem responses may quote what the request sent about a patient: never cached, never sniffed. */
export const PROBLEM_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: AppError) {
  const { headers } = err.extra;
  if (headers) reply.headers(headers);
  return reply
    .code(err.status)
    .headers(PROBLEM_HEADERS)
    .type('application/problem+json')
    .send(problemBody(err, request.id));
}

/** "/lines/1/units" → "lines[1].units" (what an EHR developer can map back to their payload). */
function formatPath(instancePath: string, where: string): string {
  let out = '';
  for (const p of instancePath.split('/').filter(Boolean)) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return where === 'body'
    ? out || '(body)'
    : where === 'querystring'
      ? out || '(query)'
      : where === 'headers'
        ? out
        : out || where;
}

const E = PLATFORM_ERRORS;

/** Fastify's own client errors, by its error code. */
const FASTIFY_ERRORS: Record<string, ErrorSpec> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: E.unsupported_media_type,
  FST_ERR_CTP_EMPTY_JSON_BODY: E.invalid_json,
  FST_ERR_CTP_INVALID_JSON_BODY: E.invalid_json,
  FST_ERR_CTP_BODY_TOO_LARGE: E.payload_too_large,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: E.invalid_content_length,
};

/** Maps every error to one problem+json envelope; 5xx details never leave the process. */
function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors: FieldError[] = error.validation.map((v) => ({
      path: formatPath(v.instancePath, where),
      code: v.keyword,
      message: v.message ?? 'invalid',
    }));
    return new AppError(E.validation_failed, `The request ${where} is not valid.`, { errors });
  }
  // SQLSTATE class 22 (data exception): a value PostgreSQL cannot store or compare — a NUL character,
  // a year-0 date, an out-of-range number. The input was bad; nothing was written.
  if (sqlState(error)?.startsWith('22')) {
    return new AppError(
      E.invalid_value,
      'A value in the request cannot be stored (out of range, or a control character such as NUL).',
    );
  }
  // A unique index caught a race two requests lost together (e.g. the same NPI posted twice at once).
  if (sqlState(error) === '23505') {
    return new AppError(E.conflict, 'A conflicting object was created at the same time; retrieve it or retry.');
  }
  if (isResponseSerializationError(error)) {
    return new AppError(E.internal_error, 'The server could not produce a valid response.');
  }
  const status = error.statusCode ?? 500;
  if (status >= 500)
    return new AppError(E.internal_error, 'Something went wrong on our side. Retry later.', {}, status);
  const spec =
    FASTIFY_ERRORS[error.code] ??
    (error.code === undefined && error instanceof SyntaxError ? E.invalid_json : E.bad_request);
  return new AppError(spec, error.message, {}, status);
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const appError = toAppError(error);
      if (appError.code === 'overloaded') request.log.warn('shed under load');
      else if (appError.status >= 500) request.log.error({ failure: describeFailure(error) }, 'request failed');
      return sendProblem(reply, request, appError);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        request,
        new AppError(E.route_not_found, `No route ${request.method} ${request.url.split('?')[0]}.`),
      ),
    );
  },
  { name: 'errors' },
);
