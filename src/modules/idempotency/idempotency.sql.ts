import { defineStatement, type ParamRefs, sqlText } from '../../db/sql.js';
import { OWNER_LOCK_NAMESPACE } from './instance-lock.js';

/**
 * Whether an in-flight claim's process is gone: the session advisory lock it holds while it lives
 * (instance-lock.ts) is no longer granted in this database. A process killed with -9 loses its session, and
 * with it the lock, as soon as PostgreSQL sees the socket close.
 */
const ownerGone = sqlText`
  not exists (select 1 from pg_locks l
    where l.locktype = 'advisory' and l.granted and l.objsubid = 2
      and l.classid = ${String(OWNER_LOCK_NAMESPACE)}::oid and l.objid = idempotency_keys.owner_lock::oid
      and l.database = (select oid from pg_database where datname = current_database()))`;

/** A key claimed by a process older than leases (no locked_until: in flight during a rolling deploy) keeps the
 * 300 s lock it was claimed under. */
const legacyLease = sqlText`idempotency_keys.locked_at + interval '300 seconds'`;

/**
 * Claims a key for one request, committed on its own before the handler runs: a new key is inserted in
 * flight; an expired one is taken over, and so is one in flight whose process is gone or whose lease ended
 * (its request outlived any deadline). A key in use or completed is left alone (no row returned). The
 * returned token is the claim's: only its holder stores a response under the key or releases it.
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
    ownerLock: 'int',
    leaseSeconds: 'int',
  },
  (p) => sqlText`
    insert into idempotency_keys (org_id, key, request_hash, method, path, state, owner_lock, claim_token, locked_until, expires_at)
    values (${p.orgId}, ${p.key}, ${p.requestHash}, ${p.method}, ${p.path}, 'in_flight', ${p.ownerLock}, gen_random_uuid()::text,
      now() + make_interval(secs => ${p.leaseSeconds}), now() + make_interval(hours => ${p.ttlHours}))
    on conflict (org_id, key) do update set request_hash = excluded.request_hash, method = excluded.method, path = excluded.path,
      state = 'in_flight', response_status = null, response_body = null, response_headers = null,
      owner_lock = excluded.owner_lock, claim_token = excluded.claim_token, locked_until = excluded.locked_until,
      locked_at = now(), created_at = now(), expires_at = excluded.expires_at
    where idempotency_keys.expires_at < now()
      or (idempotency_keys.state = 'in_flight' and (coalesce(idempotency_keys.locked_until, ${legacyLease}) <= now()
        or ${ownerGone}))
    returning claim_token as token`,
);

/**
 * A key another request holds or completed: its state and stored response, and for one in flight the whole
 * seconds until it can be claimed even if its request never finishes (the Retry-After of the 409).
 */
export const idempotencyFind = defineStatement(
  'idempotency_find',
  { orgId: 'text', key: 'text' },
  (p) => sqlText`
    select state, request_hash, response_status, response_body, response_headers,
      greatest(1, ceil(extract(epoch from coalesce(locked_until, ${legacyLease}) - now())))::int as retry_after_seconds
    from idempotency_keys where org_id = ${p.orgId} and key = ${p.key}`,
);

/** Frees a key whose request failed before storing a response: only the claim that took it, never a completed one. */
export const idempotencyRelease = defineStatement(
  'idempotency_release',
  { orgId: 'text', key: 'text', claimToken: 'text' },
  (p) => sqlText`
    delete from idempotency_keys
    where org_id = ${p.orgId} and key = ${p.key} and claim_token = ${p.claimToken} and state = 'in_flight'`,
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

/**
 * writeTx's store: only while the request still holds its claim (no row back: the key was taken over after
 * its lease ended, and the transaction must not commit a second outcome for one key).
 */
export const idempotencyStore = defineStatement(
  'idempotency_store',
  {
    orgId: 'text',
    idempotencyKey: 'text?',
    responseStatus: 'int',
    responseBody: 'jsonb?',
    responseHeaders: 'jsonb?',
    claimToken: 'text',
  },
  (p) => sqlText`
    ${responseStore(p)} and claim_token = ${p.claimToken} and state = 'in_flight'
    returning key`,
);
