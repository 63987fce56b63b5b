import { ConfigError, loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { createLogger } from '../lib/logger.js';
import { openServices, type Services } from '../services.js';

/**
 * What every CLI entry does first: read the configuration, open the database (`DATABASE_URL`, else `./.data/`),
 * migrate it, and build the services, as the server does. Runs `work`, then closes the database.
 */
export async function withServices<T>(work: (services: Services, database: Database) => Promise<T>): Promise<T> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, process.stderr);
  const { services, database } = await openServices(config, log, { cli: true });
  try {
    return await work(services, database);
  } finally {
    await database.close();
  }
}
