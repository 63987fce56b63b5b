import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { IdempotencyService } from '../modules/idempotency/idempotency.service.js';

/**
 * Idempotency-Key on the routes that declare `config: { idempotent: true }` (creating and moving POSTs):
 * the service claims the key or answers with the stored response; a request that did not store one
 * releases its key before the client sees the error, so an immediate retry is not told "in progress".
 */
export default fp(
  async (app: FastifyInstance, opts: { idempotency: IdempotencyService }) => {
    const { idempotency } = opts;

    app.addHook('preHandler', async (request, reply) => {
      if (!request.routeOptions.config.idempotent) return;
      const key = request.headers['idempotency-key'];
      if (key === undefined) return;
      const replay = await idempotency.begin(request.ctx, {
        key,
        method: request.method,
        path: request.url.split('?')[0]!,
        body: request.body,
      });
      if (!replay) return;
      reply.headers(replay.headers);
      reply.header('idempotent-replayed', 'true');
      return reply.code(replay.status).send(replay.body);
    });

    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.ctx?.idempotency) await idempotency.end(request.ctx);
      return payload;
    });

    // After the last in-flight request: until then this process's keys must stay its own.
    app.addHook('onClose', () => idempotency.close());
  },
  { name: 'idempotency', dependencies: ['auth'] },
);
