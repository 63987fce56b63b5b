import pg from 'pg';
import { createDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { loadStarterCodesIfEmpty } from '../src/modules/codes/starter.js';
import { templateDatabaseUrl, withDatabase } from './support/pg-urls.js';

/**
 * With DATABASE_URL (CI, PostgreSQL): build one migrated template database; every test file then
 * clones it (CREATE DATABASE … TEMPLATE), so files run in parallel without sharing rows.
 * Without it the suite runs on in-memory PGlite and there is nothing to prepare.
 */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.warn('[test] DATABASE_URL not set: running the suite on embedded PGlite.');
    return;
  }
  const template = templateDatabaseUrl(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const stale = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'claims_t\\_%'");
    for (const { datname } of stale.rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.query(`drop database if exists "${template.name}" with (force)`);
    await admin.query(`create database "${template.name}"`);
  } finally {
    await admin.end();
  }
  const database = await createDb({ databaseUrl: template.url, dataDir: 'unused' });
  await migrate(database);
  await loadStarterCodesIfEmpty(database.db);
  await database.close();
}
