import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PLATFORM_ERRORS } from '../../lib/platform.errors.js';
import { AppError } from '../../lib/problem.js';
import { problems } from '../../lib/route.js';

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const Readiness = z
  .object({ status: z.literal('ready'), database: z.enum(['postgres', 'pglite']) })
  .meta({ id: 'Readiness' });

export const healthRoutes: FastifyPluginAsyncZod<{ ping: () => Promise<void>; kind: 'postgres' | 'pglite' }> = async (
  app,
  { ping, kind },
) => {
  app.get(
    '/health',
    {
      schema: {
        operationId: 'retrieveHealth',
        security: [],
        tags: ['system'],
        summary: 'Liveness',
        description: 'The process is up and serving requests.',
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        operationId: 'retrieveReadiness',
        security: [],
        tags: ['system'],
        summary: 'Readiness',
        description: 'The database answers; safe to route traffic here.',
        response: { 200: Readiness, ...problems(503) },
      },
    },
    async () => {
      try {
        await ping();
      } catch {
        throw new AppError(PLATFORM_ERRORS.database_unavailable, 'The database is not reachable.');
      }
      return { status: 'ready' as const, database: kind };
    },
  );
};
