import type { Db, Tx } from '../../db/client.js';
import type { Outcome, RequestContext } from '../../lib/context.js';
import { requestInProgress } from './idempotency.errors.js';
import { idempotencyRepository } from './idempotency.repository.js';

/**
 * The values a single-statement write passes to `responseStore` (idempotency.sql.ts): the request's key, or
 * null when it holds none, and the response to replay. Call `markResponseStored` once that statement commits.
 */
export function responseValues(ctx: RequestContext, outcome: Outcome<unknown>) {
  // Without a key nothing is stored: the response is not even serialized for the statement.
  const key = ctx.idempotency?.key ?? null;
  return {
    idempotencyKey: key,
    responseStatus: outcome.status,
    responseBody: key === null ? null : outcome.body,
    responseHeaders: key === null ? null : (outcome.headers ?? {}),
  };
}

/** The stored response committed: the key is no longer released when the request ends. */
export function markResponseStored(ctx: RequestContext): void {
  if (ctx.idempotency) ctx.idempotency.completed = true;
}

/**
 * Runs a write in one transaction and, when the request holds an Idempotency-Key, stores its response in
 * that same transaction: either both the business rows and the stored response commit, or neither does.
 */
export async function writeTx<T>(
  db: Db,
  ctx: RequestContext,
  work: (tx: Tx) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const claim = ctx.idempotency;
  let takenOver = false;
  const outcome = await db
    .transaction(async (tx) => {
      const result = await work(tx);
      if (!claim) return result;
      const values = { orgId: ctx.orgId, ...responseValues(ctx, result), claimToken: claim.token };
      if (!(await idempotencyRepository.store(tx, values))) {
        takenOver = true;
        tx.rollback();
      }
      return result;
    })
    .catch(async (err: unknown) => {
      if (!takenOver || !claim) throw err;
      // This request outlived its claim's lease and another request took the key: roll back, so one key
      // never commits two outcomes. The claim is no longer ours; nothing is left to release.
      ctx.idempotency = null;
      const held = await idempotencyRepository.find(db, ctx.orgId, claim.key);
      throw requestInProgress(held?.retryAfterSeconds ?? 1);
    });
  markResponseStored(ctx);
  return outcome;
}
