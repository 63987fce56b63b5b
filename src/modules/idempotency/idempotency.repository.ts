import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema/index.js';
import { run } from '../../db/sql.js';
import { idempotencyClaim, idempotencyStore } from './idempotency.sql.js';

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

export const idempotencyRepository = {
  /** True when this request now owns the key (see idempotencyClaim). */
  claim: async (
    db: Db,
    values: {
      orgId: string;
      key: string;
      requestHash: string;
      method: string;
      path: string;
      ttlHours: number;
      abandonedAfterSeconds: number;
    },
  ) => (await run(db, idempotencyClaim, values)).length === 1,

  find: async (db: DbOrTx, orgId: string, key: string): Promise<IdempotencyKeyRow | undefined> =>
    (
      await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)))
    )[0],

  /** Frees a key whose request failed before storing a response (never a completed one). */
  release: (db: Db, orgId: string, key: string) =>
    db
      .delete(idempotencyKeys)
      .where(
        and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'in_flight')),
      ),

  store: (
    db: DbOrTx,
    values: {
      orgId: string;
      idempotencyKey: string | null;
      responseStatus: number;
      responseBody: unknown;
      responseHeaders: unknown;
    },
  ) => run(db, idempotencyStore, values),

  /** Deletes expired keys; returns how many. */
  purgeExpired: async (db: Db) =>
    (
      await db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.expiresAt, sql`now()`))
        .returning({ key: idempotencyKeys.key })
    ).length,
};
