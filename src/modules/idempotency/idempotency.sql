-- Rendered from idempotency.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: idempotency_claim
-- params: $1 orgId text, $2 key text, $3 requestHash text, $4 method text, $5 path text, $6 ttlHours int, $7 ownerLock int, $8 leaseSeconds int
insert into idempotency_keys (org_id, key, request_hash, method, path, state, owner_lock, claim_token, locked_until, expires_at)
values ($1::text, $2::text, $3::text, $4::text, $5::text, 'in_flight', $7::int, gen_random_uuid()::text,
  now() + make_interval(secs => $8::int), now() + make_interval(hours => $6::int))
on conflict (org_id, key) do update set request_hash = excluded.request_hash, method = excluded.method, path = excluded.path,
  state = 'in_flight', response_status = null, response_body = null, response_headers = null,
  owner_lock = excluded.owner_lock, claim_token = excluded.claim_token, locked_until = excluded.locked_until,
  locked_at = now(), created_at = now(), expires_at = excluded.expires_at
where idempotency_keys.expires_at < now()
  or (idempotency_keys.state = 'in_flight' and (coalesce(idempotency_keys.locked_until, idempotency_keys.locked_at + interval '300 seconds') <= now()
    or not exists (select 1 from pg_locks l
        where l.locktype = 'advisory' and l.granted and l.objsubid = 2
          and l.classid = 1139408::oid and l.objid = idempotency_keys.owner_lock::oid
          and l.database = (select oid from pg_database where datname = current_database()))))
returning claim_token as token;

-- name: idempotency_find
-- params: $1 orgId text, $2 key text
select state, request_hash, response_status, response_body, response_headers,
  greatest(1, ceil(extract(epoch from coalesce(locked_until, idempotency_keys.locked_at + interval '300 seconds') - now())))::int as retry_after_seconds
from idempotency_keys where org_id = $1::text and key = $2::text;

-- name: idempotency_release
-- params: $1 orgId text, $2 key text, $3 claimToken text
delete from idempotency_keys
where org_id = $1::text and key = $2::text and claim_token = $3::text and state = 'in_flight';

-- name: idempotency_store
-- params: $1 orgId text, $2 idempotencyKey text?, $3 responseStatus int, $4 responseBody jsonb?, $5 responseHeaders jsonb?, $6 claimToken text
update idempotency_keys set state = 'completed', response_status = $3::int,
  response_body = $4::jsonb, response_headers = $5::jsonb
where org_id = $1::text and key = $2::text and claim_token = $6::text and state = 'in_flight'
returning key;
