import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { withDatabase } from '../support/pg-urls.js';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('PostgreSQL pool errors (PostgreSQL only)', () => {
  it('reports an idle connection that dies, instead of swallowing it', async () => {
    const seen: Error[] = [];
    const database = await createDb({
      databaseUrl: url!,
      dataDir: 'unused',
      poolMax: 2,
      onPoolError: (e) => seen.push(e),
    });
    try {
      await database.ping(); // leaves one idle connection in the pool
      const admin = new pg.Client({ connectionString: withDatabase(url!, 'postgres') });
      await admin.connect();
      try {
        const db = new URL(url!).pathname.slice(1);
        await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'claims-api' and datname = $1 and state = 'idle'",
          [db],
        );
      } finally {
        await admin.end();
      }
      for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.length).toBeGreaterThan(0);
      await database.ping(); // the pool replaced it
    } finally {
      await database.close();
    }
  });
});
