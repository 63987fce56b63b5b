import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createDb } from './db/client.js';
import { migrate } from './db/migrate.js';

/** The OpenAPI document exactly as the running code describes itself (used by `npm run openapi` and the drift test). */
export async function renderOpenApi(): Promise<string> {
  const database = await createDb({ dataDir: 'memory://' });
  try {
    await migrate(database);
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { database });
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await database.close();
  }
}
