import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createDb } from './db/client.js';
import { migrate } from './db/migrate.js';
import { systemClock } from './lib/clock.js';
import { createIds } from './lib/ids.js';
import { createLogger } from './lib/logger.js';
import { createServices } from './services.js';

/** The OpenAPI document exactly as the running code describes itself (used by `npm run openapi` and the drift test). */
export async function renderOpenApi(): Promise<string> {
  const database = await createDb({ dataDir: 'memory://' });
  try {
    await migrate(database);
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const clock = systemClock;
    const services = await createServices({
      database,
      clock,
      ids: createIds(clock),
      config,
      log: createLogger('silent'),
    });
    const app = await buildApp(services);
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await database.close();
  }
}
