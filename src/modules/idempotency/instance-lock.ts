import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

/** First half of every instance lock's key (pg_advisory_lock(int, int)); the second half is the instance's. */
export const OWNER_LOCK_NAMESPACE = 1_139_408;

/**
 * This process's liveness, as PostgreSQL sees it: a session advisory lock held on a connection of its own
 * for as long as the process lives. Every Idempotency-Key claim records the lock's key; when the process dies
 * (even by kill -9) the kernel closes its sockets, the session ends, the lock goes, and any key the process
 * still held is claimable at once (idempotency.sql.ts). Taken on first use, so processes that never claim a
 * key (the worker, the CLI) never open the connection.
 *
 * On PostgreSQL the lock needs a direct session (not a transaction-pooling proxy such as PgBouncer in
 * transaction mode). Embedded PGlite has one session, one process and no other claimant: the lock lives on
 * it and a restart after a crash starts with no locks at all.
 */
export interface InstanceLock {
  /** The key this process's claims carry; resolves once the lock is held. */
  key(): Promise<number>;
  /** Releases the lock (after the last request finished). */
  close(): Promise<void>;
}

type LockDatabase = Pick<Database, 'kind' | 'url' | 'db'>;

export function createInstanceLock(database: LockDatabase, onLost: (err: Error) => void = () => {}): InstanceLock {
  let held: Promise<{ key: number; release(): Promise<void> }> | null = null;
  let generation = 0;
  let closed = false;

  async function acquire(mine: number) {
    if (database.kind === 'pglite' || !database.url) return lockOnSharedSession(database);
    const { default: pg } = await import('pg');
    const client = new pg.Client({
      connectionString: database.url,
      application_name: 'claims-api-instance',
      keepAlive: true,
    });
    await client.connect();
    const current = (async () => {
      for (;;) {
        const key = randomInt(1, 2 ** 31 - 1);
        const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [
          OWNER_LOCK_NAMESPACE,
          key,
        ]);
        if (rows[0]?.ok) return { key, release: () => client.end() };
      }
    })();
    // The session died under a live process (a database restart, a network cut): its claims now look
    // abandoned, so the next claim takes a new lock on a new session. writeTx's store refuses to commit
    // a response for a key another request took over meanwhile.
    client.on('error', (err) => {
      if (generation === mine) held = null;
      onLost(err);
      client.end().catch(() => {});
    });
    try {
      return await current;
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
  }

  return {
    key: async () => {
      if (closed) throw new Error('The instance lock was closed.');
      if (!held) {
        const mine = ++generation;
        held = acquire(mine);
        held.catch(() => {
          if (generation === mine) held = null;
        });
      }
      return (await held).key;
    },
    close: async () => {
      closed = true;
      const current = held;
      held = null;
      if (current) await (await current.catch(() => null))?.release();
    },
  };
}

async function lockOnSharedSession(database: LockDatabase) {
  const key = randomInt(1, 2 ** 31 - 1);
  await database.db.execute(sql`select pg_advisory_lock(${OWNER_LOCK_NAMESPACE}::int, ${key}::int)`);
  return {
    key,
    release: async () => {
      await database.db.execute(sql`select pg_advisory_unlock(${OWNER_LOCK_NAMESPACE}::int, ${key}::int)`);
    },
  };
}
