import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PLATFORM_ERRORS } from '../lib/platform.errors.js';
import { AppError, titleFor } from '../lib/problem.js';
import { PROBLEM_HEADERS, problemBody, sendProblem } from './errors.js';

/**
 * The errors answered before any route or hook of ours runs, in problem+json like every other error. Passed
 * to Fastify's constructor by app.ts: `frameworkErrors` (the router could not read the URL) and
 * `clientErrorHandler` (Node's HTTP parser refused the request: headers too large, a timeout, garbage).
 * Neither echoes the URL or a header back: either can carry a patient's name.
 */

const E = PLATFORM_ERRORS;

/** Fastify's router errors (before routing, so no hooks run: the reply gets its headers here). */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError =
    error.code === 'FST_ERR_BAD_URL'
      ? new AppError(E.invalid_url, 'The URL is not valid: a percent-encoding in its path is malformed.')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new AppError(E.uri_too_long, 'A path segment of the URL is longer than the API accepts.')
        : new AppError(E.internal_error, 'Something went wrong on our side. Retry later.');
  reply.header('x-request-id', request.id);
  return sendProblem(reply, request, appError);
}

/** Node's HTTP parser errors: no request object exists, so the response is written on the socket itself. */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Duplex) {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const appError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError(E.headers_too_large, 'The request headers are larger than the server accepts (16 KiB).')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError(E.request_timeout, 'The request was not received in time; send it again.')
        : new AppError(E.bad_request, 'The HTTP request is malformed.');
  this.log.debug({ code: error.code, status: appError.status }, 'client error');
  // As Node does: answer unless a response on this connection has already begun.
  const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !current?.headersSent) {
    const requestId = `req_${randomUUID().replaceAll('-', '')}`;
    const body = JSON.stringify(problemBody(appError, requestId));
    const head = [
      `HTTP/1.1 ${appError.status} ${titleFor(appError.status)}`,
      'content-type: application/problem+json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      ...Object.entries(PROBLEM_HEADERS).map(([name, value]) => `${name}: ${value}`),
      `x-request-id: ${requestId}`,
      'connection: close',
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
