import type { Middleware } from 'openapi-fetch';
import { TOKEN_PATH } from './auth.js';

/**
 * Gives every POST an Idempotency-Key unless the call set one (`params: { header: { 'idempotency-key': ... } }`).
 * The key is set once, before the transport's retries, so a write retried after a timeout is applied once and the
 * retry gets the first answer back. Routes that do not take a key ignore it.
 */
export function idempotencyKeys(generate: () => string): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      if (request.method !== 'POST' || schemaPath === TOKEN_PATH) return;
      if (!request.headers.has('idempotency-key')) request.headers.set('idempotency-key', generate());
    },
  };
}
