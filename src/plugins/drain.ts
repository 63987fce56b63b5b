import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PLATFORM_ERRORS } from '../lib/platform.errors.js';
import { AppError } from '../lib/problem.js';
import { sendProblem } from './errors.js';

/** A retry goes to another instance behind the load balancer, or to this one once it is back. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Draining on shutdown (app.close(), from src/server.ts on SIGTERM/SIGINT): requests already running finish;
 * a request that arrives afterwards on a connection still open is answered 503 problem+json with Retry-After
 * and the connection is closed; new connections are refused once the server stops listening. Replaces
 * Fastify's own closing answer (`return503OnClosing`), which is not problem+json.
 */
export default fp(
  async (app: FastifyInstance) => {
    let draining = false;
    app.addHook('preClose', async () => {
      draining = true;
    });
    app.addHook('onRequest', async (request, reply) => {
      if (!draining) return;
      reply.header('connection', 'close');
      return sendProblem(
        reply,
        request,
        new AppError(PLATFORM_ERRORS.shutting_down, 'This instance is shutting down; send the request again.', {
          headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
        }),
      );
    });
  },
  { name: 'drain', dependencies: ['errors'] },
);
