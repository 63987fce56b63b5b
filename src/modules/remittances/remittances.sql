-- Rendered from remittances.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: adjudications_insert
-- params: $1 orgId text, $2 adjudications jsonb, $3 payerClaimNumbers jsonb
with a as (insert into adjudications select * from jsonb_populate_recordset(null::adjudications, $2::jsonb)),
  n as (
    update claims c set payer_claim_number = x.payer_claim_number, version = c.version + 1, updated_at = now()
    from jsonb_to_recordset($3::jsonb) as x(id text, payer_claim_number text)
    where c.org_id = $1::text and c.id = x.id and c.payer_claim_number is distinct from x.payer_claim_number
  )
select 1;

-- name: remittance_finish
-- params: $1 orgId text, $2 id text, $3 unmatchedCount int, $4 payerId text?
update remittances set unmatched_count = $3::int, payer_id = $4::text, updated_at = now()
where org_id = $1::text and id = $2::text;

-- name: remittance_insert
-- params: $1 remittance jsonb
insert into remittances select * from jsonb_populate_record(null::remittances, $1::jsonb)
on conflict (org_id, payer_key, trace_number) do nothing
returning id;
