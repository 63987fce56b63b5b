import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The API reference page (owned by the openapi plugin) sets its own Content-Security-Policy and caching. */
const DOCS = /^\/docs(\/|$|\?)/;

/**
 * Security headers on every response (@fastify/helmet: X-Content-Type-Options: nosniff, X-Frame-Options,
 * Referrer-Policy: no-referrer, Strict-Transport-Security, Cross-Origin-*), and Cache-Control: no-store on
 * every response that does not set its own caching: API responses hold PHI, and neither a browser nor a
 * proxy may keep them. Helmet's Content-Security-Policy stays off: API responses are JSON, and /docs keeps
 * the policy its page needs.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, { global: true, contentSecurityPolicy: false });
    app.addHook('onSend', async (request, reply, payload) => {
      if (!reply.hasHeader('cache-control') && !DOCS.test(request.url)) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'security-headers' },
);
