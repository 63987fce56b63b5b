import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Repositories accept either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** PostgreSQL connection string (postgres only): migrations take a dedicated session for their lock. */
  url?: string;
  /** Runs raw SQL text (several statements allowed); used by migrations and import COPY paths. */
  exec(sqlText: string): Promise<void>;
  ping(): Promise<void>;
  /** Queries waiting for a pooled connection now (0 on the embedded database, which has one connection). */
  waiting(): number;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface DbOptions {
  databaseUrl?: string | undefined;
  /** Embedded data directory; `memory://` keeps PGlite in memory (tests). */
  dataDir: string;
  poolMax?: number;
  /**
   * PostgreSQL session limits for API connections: no statement runs, and no transaction sits idle,
   * longer than this. Long transactions hold back the event feed's visibility horizon for everyone.
   */
  statementTimeoutMs?: number;
  /** Where a pooled connection's failure is reported (no PHI: the error's class and codes only). */
  onPoolError?: (err: Error) => void;
}

export async function createDb(options: DbOptions): Promise<Database> {
  return options.databaseUrl
    ? createPostgres(options.databaseUrl, options.poolMax ?? 10, options.statementTimeoutMs, options.onPoolError)
    : createPglite(options.dataDir);
}

async function createPostgres(
  url: string,
  max: number,
  timeoutMs?: number,
  onPoolError?: (err: Error) => void,
): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // DATE columns stay 'YYYY-MM-DD' strings: no timezone shifts on birth dates or dates of service.
  pg.types.setTypeParser(1082, (v: string) => v);
  // JIT off: our statements are short OLTP ones whose row estimates (jsonb parameters, correlated subqueries) can
  // cross the JIT cost threshold; compiling then took 0.7 s of a 0.74 s statement (the 835 posting's COB lookup).
  // Session limits: no statement runs, and no transaction sits idle, longer than the configured timeout.
  // SETs on each new connection, before any query of it, not startup options: PgBouncer refuses those.
  const settings = [
    'set jit = off',
    ...(timeoutMs
      ? [`set statement_timeout = ${timeoutMs}`, `set idle_in_transaction_session_timeout = ${timeoutMs * 2}`]
      : []),
  ].join('; ');
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'claims-api',
    // pg-pool awaits this before a new connection serves its first query (a failure ends it and fails the checkout).
    onConnect: async (client) => {
      await client.query(settings);
    },
  });
  // An idle client died (a server restart, a network cut): the pool replaces it; the operator hears of it.
  pool.on('error', (err) => onPoolError?.(err));
  const db = drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    url,
    exec: async (text) => {
      await pool.query(text);
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    waiting: () => pool.waitingCount,
    close: () => pool.end(),
  };
}

async function createPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (text) => {
      await client.exec(text);
    },
    ping: async () => {
      await client.query('select 1');
    },
    waiting: () => 0,
    close: () => client.close(),
  };
}

/** Rows of a raw SQL statement, typed by the caller (node-postgres and PGlite both return `.rows`). */
export async function queryRows<T>(db: DbOrTx, statement: import('drizzle-orm').SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}
