import { and, eq } from 'drizzle-orm';
import type { Outcome, RequestContext } from '../lib/context.js';
import type { Db, Tx } from './client.js';
import { idempotencyKeys } from './schema/index.js';

/**
 * Runs a write in one transaction and, when the request holds an Idempotency-Key, stores its
 * response in that same transaction: either both the business rows and the stored response
 * commit, or neither does.
 */
export async function writeTx<T>(db: Db, ctx: RequestContext, work: (tx: Tx) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  const outcome = await db.transaction(async (tx) => {
    const result = await work(tx);
    if (ctx.idempotency) {
      await tx
        .update(idempotencyKeys)
        .set({
          state: 'completed',
          responseStatus: result.status,
          responseBody: result.body as object,
          responseHeaders: result.headers ?? {},
        })
        .where(and(eq(idempotencyKeys.orgId, ctx.orgId), eq(idempotencyKeys.key, ctx.idempotency.key)));
    }
    return result;
  });
  if (ctx.idempotency) ctx.idempotency.completed = true;
  return outcome;
}
