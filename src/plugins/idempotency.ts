import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import { runStatement } from '../db/statements.js';
import { idempotencyKeys } from '../db/schema/index.js';
import { canonicalJson, sha256Hex } from '../lib/canonical.js';
import { AppError } from '../lib/problem.js';
import { recordAudit } from '../modules/audit/audit.repository.js';

/** Objects holding patient data: replaying their creation is audited as a read. */
const AUDITED_OBJECTS = new Set(['patient', 'coverage', 'encounter', 'claim']);

/** A claim older than this is treated as abandoned (its process died mid-request) and may be taken over. */
const ABANDONED_AFTER_SECONDS = 300;

/**
 * Claims a key: a new key is inserted in flight; an expired one, or one abandoned mid-request, is taken
 * over; a key in use or completed is left alone (no row returned). Committed on its own, before the handler.
 */
const CLAIM_KEY = `insert into idempotency_keys (org_id, key, request_hash, method, path, state, expires_at)
    values ($1, $2, $3, $4, $5, 'in_flight', now() + make_interval(hours => $6))
  on conflict (org_id, key) do update set request_hash = excluded.request_hash, method = excluded.method, path = excluded.path,
    state = 'in_flight', response_status = null, response_body = null, response_headers = null,
    locked_at = now(), created_at = now(), expires_at = excluded.expires_at
  where idempotency_keys.expires_at < now()
    or (idempotency_keys.state = 'in_flight' and idempotency_keys.locked_at < now() - make_interval(secs => $7))
  returning key`;

function fingerprint(request: FastifyRequest): string {
  const path = request.url.split('?')[0];
  return sha256Hex(`${request.method} ${path}\n${canonicalJson(request.body ?? null)}`);
}

/**
 * Stripe-style Idempotency-Key for creating POSTs. The key is claimed (committed) before the
 * handler runs; the write that commits the request's rows stores the response with them (writeTx, or the
 * single statement of an encounter intake: see storeResponse); a request that fails
 * releases its claim so the client can retry after fixing it.
 */
export default fp(
  async (app: FastifyInstance, opts: { db: Db; ttlHours: number }) => {
    const { db, ttlHours } = opts;

    app.addHook('preHandler', async (request, reply) => {
      if (!request.routeOptions.config.idempotent) return;
      const key = request.headers['idempotency-key'];
      if (key === undefined) return;
      if (typeof key !== 'string' || key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
        throw new AppError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1–255 visible ASCII characters.', {
          errors: [{ path: 'idempotency-key', code: 'invalid_format', message: '1–255 visible ASCII characters' }],
        });
      }
      const { orgId } = request.ctx;
      const requestHash = fingerprint(request);
      const path = request.url.split('?')[0]!;
      const claimed = await runStatement<{ key: string }>(db, {
        name: 'idempotency_claim',
        text: CLAIM_KEY,
        values: [orgId, key, requestHash, request.method, path, ttlHours, ABANDONED_AFTER_SECONDS],
      });
      if (claimed.length === 1) {
        request.ctx.idempotency = { key, completed: false };
        return;
      }
      const [existing] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)));
      if (!existing)
        throw new AppError(
          409,
          'idempotency_request_in_progress',
          'A request with this Idempotency-Key is in progress; retry shortly.',
        );
      if (existing.requestHash !== requestHash) {
        throw new AppError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used with a different request; use a new key for a new request.',
        );
      }
      if (existing.state !== 'completed') {
        throw new AppError(
          409,
          'idempotency_request_in_progress',
          'A request with this Idempotency-Key is still in progress; retry shortly.',
          {
            headers: { 'retry-after': '1' },
          },
        );
      }
      // A replay shows patient data again: it is a read, and audited as one.
      const stored = existing.responseBody as { object?: string; id?: string } | null;
      if (stored?.id && stored.object && AUDITED_OBJECTS.has(stored.object))
        await recordAudit(db, request.ctx, 'read', stored.object, [stored.id]);
      reply.headers(existing.responseHeaders ?? {});
      reply.header('idempotent-replayed', 'true');
      return reply.code(existing.responseStatus ?? 200).send(existing.responseBody);
    });

    // A request that claimed a key but did not store a response failed: release the key before
    // the client sees the error, so an immediate retry is not told "in progress".
    app.addHook('onSend', async (request, _reply, payload) => {
      const claim = request.ctx?.idempotency;
      if (claim && !claim.completed) {
        await db
          .delete(idempotencyKeys)
          .where(
            and(
              eq(idempotencyKeys.orgId, request.ctx.orgId),
              eq(idempotencyKeys.key, claim.key),
              eq(idempotencyKeys.state, 'in_flight'),
            ),
          );
        request.ctx.idempotency = null;
      }
      return payload;
    });
  },
  { name: 'idempotency', dependencies: ['auth'] },
);

export async function purgeExpiredIdempotencyKeys(db: Db): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, sql`now()`));
}
