import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { systemClock } from '../../src/lib/clock.js';
import { createIds } from '../../src/lib/ids.js';
import { createLogger } from '../../src/lib/logger.js';
import { createServices } from '../../src/services.js';

/**
 * Benchmarks measure throughput: no budget a load generator would hit, no shedding while it saturates the CPU; the
 * response serialization production uses.
 */
export const BENCH_UNLIMITED: Record<string, string> = {
  RATE_LIMIT_CLIENT: '100000000',
  RATE_LIMIT_ORGANIZATION: '100000000',
  RATE_LIMIT_ADDRESS: '100000000',
  LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
  LOAD_SHED_MAX_POOL_WAITING: '0',
  // What production runs (config.ts: the claims list sends its views as built; the suite checks they match zod's).
  RESPONSE_CHECK: 'trust',
};

/** The app as the server builds it (composition root, then HTTP), on a benchmark database, logging nothing. */
export async function benchApp(database: Database, env: Record<string, string>) {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...BENCH_UNLIMITED, ...env });
  const services = await createServices({
    database,
    clock: systemClock,
    ids: createIds(systemClock),
    config,
    log: createLogger('silent'),
  });
  return { services, app: await buildApp(services) };
}
