import type { Db } from '../../db/client.js';
import { canonicalJson, sha256Hex } from '../../lib/canonical.js';
import { AUDITED_OBJECTS, recordAudit } from '../audit/audit.service.js';
import type { RequestContext } from '../../lib/context.js';
import { invalidKey, keyReused, requestInProgress } from './idempotency.errors.js';
import { idempotencyRepository as repo } from './idempotency.repository.js';

/** A claim older than this is treated as abandoned (its process died mid-request) and may be taken over. */
const ABANDONED_AFTER_SECONDS = 300;

export interface IdempotentRequest {
  key: unknown;
  method: string;
  /** Without the query string. */
  path: string;
  body: unknown;
}

/** A completed request's stored response, to send again. */
export interface Replay {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Stripe-style Idempotency-Key for creating POSTs. The key is claimed (committed) before the handler runs;
 * the write that commits the request's rows stores the response with them (writeTx, or the single statement
 * of an encounter intake); a request that fails releases its claim so the client can retry after fixing it.
 */
export function createIdempotencyService({ db, ttlHours }: { db: Db; ttlHours: number }) {
  return {
    /**
     * Takes the request's key for it (`ctx.idempotency` set: the handler runs) or answers with the stored
     * response of the completed request it repeats. Throws 400/409/422 otherwise.
     */
    async begin(ctx: RequestContext, request: IdempotentRequest): Promise<Replay | null> {
      const { key } = request;
      if (typeof key !== 'string' || key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
        throw invalidKey();
      }
      const requestHash = sha256Hex(`${request.method} ${request.path}\n${canonicalJson(request.body ?? null)}`);
      const values = { orgId: ctx.orgId, key, requestHash, method: request.method, path: request.path, ttlHours };
      if (await repo.claim(db, { ...values, abandonedAfterSeconds: ABANDONED_AFTER_SECONDS })) {
        ctx.idempotency = { key, completed: false };
        return null;
      }
      const existing = await repo.find(db, ctx.orgId, key);
      // Gone between the two statements: its request just failed and released it.
      if (!existing || existing.state !== 'completed') {
        if (existing && existing.requestHash !== requestHash) throw keyReused();
        throw requestInProgress();
      }
      if (existing.requestHash !== requestHash) throw keyReused();
      // A replay shows patient data again: it is a read, and audited as one.
      const stored = existing.responseBody as { object?: string; id?: string } | null;
      if (stored?.id && stored.object && AUDITED_OBJECTS.has(stored.object)) {
        await recordAudit(db, ctx, 'read', stored.object, [stored.id]);
      }
      return {
        status: existing.responseStatus ?? 200,
        headers: existing.responseHeaders ?? {},
        body: existing.responseBody,
      };
    },

    /** A request that claimed a key but stored no response failed: free the key before the client sees the error. */
    async end(ctx: RequestContext): Promise<void> {
      const claim = ctx.idempotency;
      if (!claim || claim.completed) return;
      await repo.release(db, ctx.orgId, claim.key);
      ctx.idempotency = null;
    },

    /** Background job: deletes keys past their replay window. */
    purgeExpired: () => repo.purgeExpired(db),
  };
}
export type IdempotencyService = ReturnType<typeof createIdempotencyService>;
