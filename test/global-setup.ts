import pg from 'pg';
import { createDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { loadStarterCodesIfEmpty } from '../src/modules/codes/starter.js';
import { STALE_AFTER_MS, templateDatabaseUrl, withDatabase } from './support/pg-urls.js';

/**
 * With DATABASE_URL (CI, PostgreSQL): build one migrated template database for this run; every test
 * file then clones it (CREATE DATABASE … TEMPLATE), so files run in parallel without sharing rows.
 * Databases are stamped with their creation time: leftovers of crashed runs are dropped, other
 * runs' live databases are not. Without DATABASE_URL the suite runs on in-memory PGlite.
 */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.warn('[test] DATABASE_URL not set: running the suite on embedded PGlite.');
    return;
  }
  process.env.CLAIMS_TEST_RUN = `${process.pid}`; // inherited by the test workers
  const template = templateDatabaseUrl(url);
  await onAdmin(url, async (admin) => {
    const old = await admin.query<{ datname: string; stamp: string | null }>(
      "select datname, shobj_description(oid, 'pg_database') as stamp from pg_database where datname like 'claims_t\\_%'",
    );
    for (const { datname, stamp } of old.rows) {
      if (!stamp || Date.now() - Number(stamp) > STALE_AFTER_MS)
        await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    await admin.query(`drop database if exists "${template.name}" with (force)`);
    await admin.query(`create database "${template.name}"`);
    await admin.query(`comment on database "${template.name}" is '${Date.now()}'`);
  });
  const database = await createDb({ databaseUrl: template.url, dataDir: 'unused' });
  await migrate(database);
  await loadStarterCodesIfEmpty(database.db);
  await database.close();
  return async () => {
    await onAdmin(url, (admin) => admin.query(`drop database if exists "${template.name}" with (force)`));
  };
}

async function onAdmin<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
