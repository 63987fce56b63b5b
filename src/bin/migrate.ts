import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { migrate } from '../db/migrate.js';

const config = loadConfig(process.env);
const database = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrate(database);
await database.close();
process.stdout.write(`migrations applied (${database.kind})\n`);
