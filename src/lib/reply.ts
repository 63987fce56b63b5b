import type { FastifyReply } from 'fastify';
import type { Outcome } from './context.js';

/** Writes a service outcome (status, headers, body) to the reply. */
export function send<T>(reply: FastifyReply, outcome: Outcome<T>): T {
  reply.code(outcome.status);
  if (outcome.headers) reply.headers(outcome.headers);
  return outcome.body;
}

/** For reads that return `{ body, headers }` (e.g. an ETag). */
export function sendOk<T>(reply: FastifyReply, result: { body: T; headers?: Record<string, string> }): T {
  return send(reply, { status: 200, ...result });
}
