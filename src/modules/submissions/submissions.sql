-- Rendered from submissions.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: control_numbers_take
-- params: $1 orgId text, $2 kind text, $3 count int
insert into x12_control_numbers (org_id, kind, last_value) values ($1::text, $2::text, $3::int)
on conflict (org_id, kind) do update set last_value = x12_control_numbers.last_value + excluded.last_value
returning last_value;

-- name: submission_insert
-- params: $1 submission jsonb, $2 submissionClaims jsonb
with s as (insert into submissions select * from jsonb_populate_record(null::submissions, $1::jsonb)),
  c as (insert into submission_claims select * from jsonb_populate_recordset(null::submission_claims, $2::jsonb))
select 1;
