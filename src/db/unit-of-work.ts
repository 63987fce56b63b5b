import type { Outcome, RequestContext } from '../lib/context.js';
import type { Db, DbOrTx, Tx } from './client.js';
import { Params, runStatement } from './statements.js';

/**
 * The UPDATE that stores a request's response under the Idempotency-Key it claimed, or null when the
 * request holds none. It runs in the transaction (or the single statement, as a data-modifying CTE)
 * that writes the business rows: either both commit or neither does. Call `markResponseStored` after
 * that commit.
 */
export function storeResponse(ctx: RequestContext, outcome: Outcome<unknown>, p: Params): string | null {
  if (!ctx.idempotency) return null;
  return `update idempotency_keys set state = 'completed', response_status = ${p.add(outcome.status)}::int,
      response_body = ${p.add(JSON.stringify(outcome.body))}::jsonb, response_headers = ${p.add(JSON.stringify(outcome.headers ?? {}))}::jsonb
    where org_id = ${p.add(ctx.orgId)} and key = ${p.add(ctx.idempotency.key)}`;
}

/** The stored response committed: the key is no longer released when the request ends. */
export function markResponseStored(ctx: RequestContext): void {
  if (ctx.idempotency) ctx.idempotency.completed = true;
}

/**
 * Runs a write in one transaction and, when the request holds an Idempotency-Key, stores its
 * response in that same transaction: either both the business rows and the stored response
 * commit, or neither does.
 */
export async function writeTx<T>(
  db: Db,
  ctx: RequestContext,
  work: (tx: Tx) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const outcome = await db.transaction(async (tx) => {
    const result = await work(tx);
    await runStoreResponse(tx, ctx, result);
    return result;
  });
  markResponseStored(ctx);
  return outcome;
}

async function runStoreResponse(tx: DbOrTx, ctx: RequestContext, outcome: Outcome<unknown>) {
  const p = new Params();
  const text = storeResponse(ctx, outcome, p);
  if (text) await runStatement(tx, { name: 'idempotency_store', text, values: p.values });
}
