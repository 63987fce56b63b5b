import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Request headers a browser client sends beyond the CORS-safelisted ones. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-request-id'];
/** Response headers the OpenAPI document promises, readable by a browser client's script. */
const EXPOSED_HEADERS = [
  'etag',
  'location',
  'idempotent-replayed',
  'x-request-id',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
];

/**
 * CORS for browser-based PM front ends, off unless the operator lists origins (CORS_ORIGINS). Bearer tokens,
 * not cookies, so no credentials mode; preflights are answered before authentication and cached 10 minutes.
 */
export default fp(
  async (app: FastifyInstance, opts: { origins: readonly string[] }) => {
    if (opts.origins.length === 0) return;
    await app.register(cors, {
      origin: opts.origins.includes('*') ? '*' : [...opts.origins],
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      credentials: false,
      maxAge: 600,
    });
  },
  { name: 'cors' },
);
