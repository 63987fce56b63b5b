import underPressure, { type FastifyUnderPressureOptions } from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PLATFORM_ERRORS } from '../lib/platform.errors.js';
import { AppError } from '../lib/problem.js';

export interface LoadSheddingOptions {
  /** Mean event-loop delay (ms) above which requests are refused; 0: never. */
  maxEventLoopDelayMs: number;
  /** Queries waiting for a pooled connection above which requests are refused; 0: never. */
  maxPoolWaiting: number;
  /** How many queries wait for a database connection now. */
  poolWaiting: () => number;
}

type Handler = NonNullable<FastifyUnderPressureOptions['pressureHandler']>;

/** What a shed request is told to wait: long enough for a backlog to clear, short enough for a retry loop. */
const RETRY_AFTER_SECONDS = 2;
/** How often the pool is looked at (the event loop is sampled by under-pressure itself). */
const POOL_CHECK_MS = 250;
/** The event loop's delay is averaged over this long. */
const SAMPLE_MS = 1_000;
const ARM_AFTER_READY_MS = 2 * SAMPLE_MS + 100;

/**
 * Load shedding with @fastify/under-pressure: while the event loop lags or the database pool's queue is too long,
 * new requests get 503 problem+json (`overloaded`) with Retry-After instead of joining a queue
 * they would time out in. Registered before authentication: a shed request costs no token check and no query.
 */
export default fp(
  async (app: FastifyInstance, opts: LoadSheddingOptions) => {
    const { maxEventLoopDelayMs, maxPoolWaiting, poolWaiting } = opts;
    if (maxEventLoopDelayMs === 0 && maxPoolWaiting === 0) return;
    // Starting (migrations, a code-set load, the demo seed) blocks the loop before the server listens: the samples
    // taken then say nothing about serving, so shedding starts once a sample covers only time after start.
    let armedAt = Number.POSITIVE_INFINITY;
    app.addHook('onReady', async () => {
      armedAt = performance.now() + ARM_AFTER_READY_MS;
    });
    await app.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      sampleInterval: SAMPLE_MS,
      // under-pressure sends what the handler returns (its types say void): here an error, for the error handler.
      pressureHandler: ((_request: FastifyRequest, reply: FastifyReply, type: string) => {
        if (performance.now() < armedAt) return undefined; // served as usual
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        // Sent through the error handler: problem+json like every other error.
        return new AppError(
          PLATFORM_ERRORS.overloaded,
          type === 'healthCheck'
            ? 'Every database connection of this instance is taken and too many requests wait; retry after the Retry-After seconds.'
            : 'This instance is overloaded (its event loop lags); retry after the Retry-After seconds.',
        );
      }) as unknown as Handler,
      ...(maxPoolWaiting > 0
        ? { healthCheck: async () => poolWaiting() <= maxPoolWaiting, healthCheckInterval: POOL_CHECK_MS }
        : {}),
    });
  },
  { name: 'load-shedding', dependencies: ['errors'] },
);
