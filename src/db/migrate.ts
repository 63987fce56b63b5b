import { MIGRATIONS_DIR, type Database } from './client.js';

/** Arbitrary constant: serializes concurrent migrators (several API processes starting at once). */
const MIGRATION_LOCK = 7_311_042;

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // Advisory locks belong to a session, so lock and migrate on one dedicated connection.
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await run(drizzle({ client }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.end();
  }
}
