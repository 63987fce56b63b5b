import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { loadStarterCodesIfEmpty } from '../../src/modules/codes/starter.js';
import { templateDatabaseUrl, withDatabase } from './pg-urls.js';

/**
 * A private database for one test file: a clone of the migrated template on PostgreSQL, or a
 * fresh in-memory PGlite. `close()` drops it.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await createDb({ dataDir: 'memory://' });
    await migrate(database);
    await loadStarterCodesIfEmpty(database.db);
    return database;
  }
  const name = `claims_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${templateDatabaseUrl(url).name}"`);
    await admin.query(`comment on database "${name}" is '${Date.now()}'`);
  } finally {
    await admin.end();
  }
  const database = await createDb({ databaseUrl: withDatabase(url, name), dataDir: 'unused', poolMax: 20 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const drop = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
      await drop.connect();
      await drop.query(`drop database if exists "${name}" with (force)`);
      await drop.end();
    },
  };
}
