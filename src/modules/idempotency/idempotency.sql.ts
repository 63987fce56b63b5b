import { defineStatement, type ParamRefs, sqlText } from '../../db/sql.js';

/**
 * Claims a key: a new key is inserted in flight; an expired one, or one abandoned mid-request, is taken
 * over; a key in use or completed is left alone (no row returned). Committed on its own, before the handler.
 */
export const idempotencyClaim = defineStatement(
  'idempotency_claim',
  {
    orgId: 'text',
    key: 'text',
    requestHash: 'text',
    method: 'text',
    path: 'text',
    ttlHours: 'int',
    abandonedAfterSeconds: 'int',
  },
  (p) => sqlText`
    insert into idempotency_keys (org_id, key, request_hash, method, path, state, expires_at)
    values (${p.orgId}, ${p.key}, ${p.requestHash}, ${p.method}, ${p.path}, 'in_flight', now() + make_interval(hours => ${p.ttlHours}))
    on conflict (org_id, key) do update set request_hash = excluded.request_hash, method = excluded.method, path = excluded.path,
      state = 'in_flight', response_status = null, response_body = null, response_headers = null,
      locked_at = now(), created_at = now(), expires_at = excluded.expires_at
    where idempotency_keys.expires_at < now()
      or (idempotency_keys.state = 'in_flight' and idempotency_keys.locked_at < now() - make_interval(secs => ${p.abandonedAfterSeconds}))
    returning key`,
);

type StoreParams = 'orgId' | 'idempotencyKey' | 'responseStatus' | 'responseBody' | 'responseHeaders';

/**
 * Stores a request's response under the Idempotency-Key it claimed, in the statement or transaction that
 * writes the business rows: both commit or neither does. A null key (no Idempotency-Key sent) matches nothing.
 */
export const responseStore = (p: Pick<ParamRefs<Record<StoreParams, unknown>>, StoreParams>) => sqlText`
  update idempotency_keys set state = 'completed', response_status = ${p.responseStatus},
    response_body = ${p.responseBody}, response_headers = ${p.responseHeaders}
  where org_id = ${p.orgId} and key = ${p.idempotencyKey}`;

export const idempotencyStore = defineStatement(
  'idempotency_store',
  {
    orgId: 'text',
    idempotencyKey: 'text?',
    responseStatus: 'int',
    responseBody: 'jsonb?',
    responseHeaders: 'jsonb?',
  },
  (p) => responseStore(p),
);
