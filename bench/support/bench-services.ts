import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { systemClock } from '../../src/lib/clock.js';
import { createIds } from '../../src/lib/ids.js';
import { createLogger } from '../../src/lib/logger.js';
import { createServices } from '../../src/services.js';

/** The app as the server builds it (composition root, then HTTP), on a benchmark database, logging nothing. */
export async function benchApp(database: Database, env: Record<string, string>) {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const services = await createServices({
    database,
    clock: systemClock,
    ids: createIds(systemClock),
    config,
    log: createLogger('silent'),
  });
  return { services, app: await buildApp(services) };
}
