import { ConfigError, loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { createLogger } from '../lib/logger.js';
import { openDatabase, openServices, type Services } from '../services.js';

function cliConfig() {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
}

const cliLog = (config: ReturnType<typeof loadConfig>) =>
  createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, process.stderr);

/** Opens the database (`DATABASE_URL`, else `./.data/`) and migrates it; runs `work`, then closes it. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const database = await openDatabase(config, cliLog(config), { cli: true });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The same, with the services built as the server builds them. */
export async function withServices<T>(work: (services: Services, database: Database) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const { services, database } = await openServices(config, cliLog(config), { cli: true });
  try {
    return await work(services, database);
  } finally {
    await database.close();
  }
}
