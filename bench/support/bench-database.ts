import pg from 'pg';
import { createDb, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { loadStarterCodesIfEmpty } from '../../src/modules/codes/starter.js';

export interface BenchDatabase {
  /** Connection string of the private database. */
  url: string;
  name: string;
  database: Database;
  /** Closes the app's pool and drops the database. */
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A private database on the DATABASE_URL server, created from scratch, migrated and loaded with the
 * starter code set (what the scrubber reads); `drop()` removes it.
 */
export async function createBenchDatabase(serverUrl: string, name: string, poolMax: number): Promise<BenchDatabase> {
  const url = withDatabase(serverUrl, name);
  await onServer(serverUrl, (c) => c.query(`create database "${name}"`));
  let database: Database | null = null;
  const drop = async () => {
    await database?.close();
    database = null;
    await onServer(serverUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
  };
  try {
    database = await createDb({ databaseUrl: url, dataDir: 'unused', poolMax });
    await migrate(database);
    await loadStarterCodesIfEmpty(database.db);
    return { url, name, database, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}
