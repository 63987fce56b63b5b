-- Rendered from claims.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: claim_insert
-- params: $1 orgId text, $2 claim jsonb, $3 claimLines jsonb, $4 claimHistory jsonb, $5 events jsonb
with c as (insert into claims select * from jsonb_populate_record(null::claims, $2::jsonb) where $2::jsonb is not null),
  l as (insert into claim_lines select * from jsonb_populate_recordset(null::claim_lines, $3::jsonb)),
  h as (insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at)
    select org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at
    from jsonb_populate_recordset(null::claim_history, $4::jsonb)),
  ev as (insert into events (org_id, id, type, data)
    select $1::text, r.id, r.type, r.data
    from jsonb_populate_recordset(null::events, $5::jsonb) with ordinality as r
    order by r.ordinality)
select 1;

-- name: claim_read_audited
-- params: $1 orgId text, $2 claimId text, $3 actor text, $4 requestId text
with c as (select * from claims where org_id = $1::text and id = $2::text),
  a as (insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
    select $1::text, $3::text, 'claim.read', 'claim', array[$2::text], $4::text
    where exists (select 1 from c))
select row_to_json(c.*) as claim,
  coalesce((select json_agg(l order by l.line_number) from claim_lines l
    where l.org_id = c.org_id and l.claim_id = c.id), '[]'::json) as lines
from c;

-- name: scrub_references
-- params: $1 orgId text, $2 patientId text, $3 dateOfService date, $4 claimId text, $5 codeSystems text[], $6 codeKeys text[], $7 procedureCodes text[], $8 claimFrom date
select (select coalesce(json_agg(json_build_object('system', c.system, 'codeKey', c.code_key, 'code', c.code,
      'billable', c.billable, 'effectiveFrom', c.effective_from, 'effectiveTo', c.effective_to,
      'shortDescription', c.short_description, 'longDescription', c.long_description) order by c.effective_from), '[]')
    from unnest($5::text[], $6::text[]) as k(system, code_key)
    join codes c on c.system = k.system and c.code_key = k.code_key) as versions,
  (select coalesce(json_agg(json_build_object('column1', column1, 'column2', column2, 'effectiveFrom', effective_from,
      'deletedOn', deleted_on, 'modifierIndicator', modifier_indicator, 'rationale', rationale)), '[]')
    from ncci_ptp_edits where column1 = any($7::text[]) and column2 = any($7::text[])) as ptp,
  (select coalesce(json_agg(json_build_object('code', code, 'maxUnits', max_units,
      'adjudicationIndicator', adjudication_indicator, 'rationale', rationale)), '[]')
    from mue_limits where code = any($7::text[]) and effective_from <= $3::date
      and (effective_to is null or effective_to >= $3::date)) as mue,
  (select coalesce(json_agg(json_build_object('claimId', id, 'patientId', patient_id, 'dateOfService', date_of_service,
      'billingProviderId', billing_provider_id, 'codes', code_fingerprint, 'status', status, 'createdAt', created_at)), '[]')
    from claims where org_id = $1::text and patient_id = $2::text and date_of_service = $8::date
      and id <> $4::text) as others;
