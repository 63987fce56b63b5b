import { lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema/index.js';
import { run } from '../../db/sql.js';
import { idempotencyClaim, idempotencyFind, idempotencyRelease, idempotencyStore } from './idempotency.sql.js';

/** A key held or completed by another request, as the claim that lost to it sees it. */
export interface HeldKey {
  state: 'in_flight' | 'completed';
  requestHash: string;
  responseStatus: number | null;
  responseBody: unknown;
  responseHeaders: Record<string, string> | null;
  /** Whole seconds (≥ 1) until an in-flight key can be claimed even if its request never finishes. */
  retryAfterSeconds: number;
}

export const idempotencyRepository = {
  /** The claim's token when this request now owns the key (see idempotencyClaim), else null. */
  claim: async (
    db: Db,
    values: {
      orgId: string;
      key: string;
      requestHash: string;
      method: string;
      path: string;
      ttlHours: number;
      ownerLock: number;
      leaseSeconds: number;
    },
  ): Promise<string | null> => {
    const [row] = await run(db, idempotencyClaim, values);
    return row ? (row.token as string) : null;
  },

  find: async (db: DbOrTx, orgId: string, key: string): Promise<HeldKey | undefined> => {
    const [row] = await run(db, idempotencyFind, { orgId, key });
    if (!row) return undefined;
    return {
      state: row.state as HeldKey['state'],
      requestHash: row.request_hash as string,
      responseStatus: row.response_status as number | null,
      responseBody: row.response_body,
      responseHeaders: row.response_headers as Record<string, string> | null,
      retryAfterSeconds: (row.retry_after_seconds as number | null) ?? 1,
    };
  },

  /** Frees a key whose request failed before storing a response (only that request's claim). */
  release: (db: Db, values: { orgId: string; key: string; claimToken: string }) => run(db, idempotencyRelease, values),

  /** Stores the response while the claim is still the request's; false when another request took the key over. */
  store: async (
    db: DbOrTx,
    values: {
      orgId: string;
      idempotencyKey: string | null;
      responseStatus: number;
      responseBody: unknown;
      responseHeaders: unknown;
      claimToken: string;
    },
  ) => (await run(db, idempotencyStore, values)).length === 1,

  /** Deletes expired keys; returns how many. */
  purgeExpired: async (db: Db) =>
    (
      await db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.expiresAt, sql`now()`))
        .returning({ key: idempotencyKeys.key })
    ).length,
};
