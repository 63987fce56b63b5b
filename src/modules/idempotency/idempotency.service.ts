import type { Db } from '../../db/client.js';
import { canonicalJson, sha256Hex } from '../../lib/canonical.js';
import type { RequestContext } from '../../lib/context.js';
import { AUDITED_OBJECTS, recordAudit } from '../audit/audit.service.js';
import { invalidKey, keyReused, requestInProgress } from './idempotency.errors.js';
import { type HeldKey, idempotencyRepository as repo } from './idempotency.repository.js';
import type { InstanceLock } from './instance-lock.js';

/** A key freed between our claim and our read is claimed again; a few turns settle any race. */
const CLAIM_ATTEMPTS = 3;

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

export interface IdempotencyDeps {
  db: Db;
  ttlHours: number;
  /** This process's liveness lock: a key it holds is free the moment the process dies. */
  instance: InstanceLock;
  /** How long a live process's request may hold its key before it is presumed stuck and the key lapses. */
  leaseSeconds: number;
}

/**
 * Stripe-style Idempotency-Key for creating POSTs. The key is claimed (committed) before the handler runs,
 * tied to this process's database session (instance-lock.ts) and bounded by a lease; the write that commits
 * the request's rows stores the response with them (writeTx, or the single statement of an encounter
 * intake); a request that fails releases its claim before the client sees the error, so a retry can run.
 */
export function createIdempotencyService({ db, ttlHours, instance, leaseSeconds }: IdempotencyDeps) {
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
      const values = {
        orgId: ctx.orgId,
        key,
        requestHash,
        method: request.method,
        path: request.path,
        ttlHours,
        ownerLock: await instance.key(),
        leaseSeconds,
      };
      for (let attempt = 1; ; attempt++) {
        const token = await repo.claim(db, values);
        if (token) {
          ctx.idempotency = { key, token, completed: false };
          return null;
        }
        const existing = await repo.find(db, ctx.orgId, key);
        // Gone between the two statements: its request failed and released it; claim it again.
        if (!existing && attempt < CLAIM_ATTEMPTS) continue;
        if (existing && existing.requestHash !== requestHash) throw keyReused();
        if (!existing || existing.state !== 'completed') throw requestInProgress(existing?.retryAfterSeconds ?? 1);
        return replayOf(ctx, existing);
      }
    },

    /** A request that claimed a key but stored no response failed: free the key before the client sees the error. */
    async end(ctx: RequestContext): Promise<void> {
      const claim = ctx.idempotency;
      if (!claim || claim.completed) return;
      await repo.release(db, { orgId: ctx.orgId, key: claim.key, claimToken: claim.token });
      ctx.idempotency = null;
    },

    /** Background job: deletes keys past their replay window. */
    purgeExpired: () => repo.purgeExpired(db),

    /** Releases this process's liveness lock: call after the last request has finished. */
    close: () => instance.close(),
  };

  async function replayOf(ctx: RequestContext, existing: HeldKey): Promise<Replay> {
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
  }
}
export type IdempotencyService = ReturnType<typeof createIdempotencyService>;
