-- Rendered from idempotency.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: idempotency_claim
-- params: $1 orgId text, $2 key text, $3 requestHash text, $4 method text, $5 path text, $6 ttlHours int, $7 abandonedAfterSeconds int
insert into idempotency_keys (org_id, key, request_hash, method, path, state, expires_at)
values ($1::text, $2::text, $3::text, $4::text, $5::text, 'in_flight', now() + make_interval(hours => $6::int))
on conflict (org_id, key) do update set request_hash = excluded.request_hash, method = excluded.method, path = excluded.path,
  state = 'in_flight', response_status = null, response_body = null, response_headers = null,
  locked_at = now(), created_at = now(), expires_at = excluded.expires_at
where idempotency_keys.expires_at < now()
  or (idempotency_keys.state = 'in_flight' and idempotency_keys.locked_at < now() - make_interval(secs => $7::int))
returning key;

-- name: idempotency_store
-- params: $1 orgId text, $2 idempotencyKey text?, $3 responseStatus int, $4 responseBody jsonb?, $5 responseHeaders jsonb?
update idempotency_keys set state = 'completed', response_status = $3::int,
  response_body = $4::jsonb, response_headers = $5::jsonb
where org_id = $1::text and key = $2::text;
