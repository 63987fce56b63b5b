-- Rendered from claims.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: claim_insert
-- params: $1 orgId text, $2 claim jsonb, $3 claimLines jsonb, $4 claimHistory jsonb, $5 journalTransactions jsonb, $6 journalEntries jsonb, $7 events jsonb
with c as (insert into claims select * from jsonb_populate_record(null::claims, $2::jsonb) where $2::jsonb is not null),
  l as (insert into claim_lines select * from jsonb_populate_recordset(null::claim_lines, $3::jsonb)),
  h as (insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at)
    select org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at
    from jsonb_populate_recordset(null::claim_history, $4::jsonb)),
  jt as (insert into journal_transactions (org_id, id, kind, reversal, reverses_id, source_type, source_id,
      patient_id, claim_id, effective_date)
    select r.org_id, r.id, r.kind, r.reversal, r.reverses_id, r.source_type, r.source_id, r.patient_id, r.claim_id,
      r.effective_date
    from jsonb_populate_recordset(null::journal_transactions, $5::jsonb) with ordinality as r
    order by r.ordinality),
  je as (insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, party, payer_id,
      claim_id, line_number, patient_id, category, reason_code, amount_cents, effective_date)
    select org_id, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number,
      patient_id, category, reason_code, amount_cents, effective_date
    from jsonb_populate_recordset(null::journal_entries, $6::jsonb)),
  ev as (insert into events (org_id, type, data)
    select $1::text, r.type, r.data
    from jsonb_populate_recordset(null::events, $7::jsonb) with ordinality as r
    order by r.ordinality)
select 1;

-- name: claim_lines_of
-- params: $1 orgId text, $2 claimIds text[]
select * from claim_lines
where org_id = $1::text and claim_id = any($2::text[])
order by claim_id, line_number;

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

-- name: claim_transitions_apply
-- params: $1 orgId text, $2 changes jsonb, $3 claimHistory jsonb, $4 events jsonb
with ch as (
  select * from jsonb_to_recordset($2::jsonb)
    as x(id text, from_status text, to_status text, payer_claim_number text, corrected_by_claim_id text)
),
  u as (
    update claims c set status = ch.to_status,
      payer_claim_number = coalesce(ch.payer_claim_number, c.payer_claim_number),
      corrected_by_claim_id = coalesce(ch.corrected_by_claim_id, c.corrected_by_claim_id),
      version = c.version + 1, updated_at = now()
    from ch where c.org_id = $1::text and c.id = ch.id and c.status = ch.from_status
    returning c.id
  ),
  h as (insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id)
    select org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id
    from jsonb_populate_recordset(null::claim_history, $3::jsonb) with ordinality as r order by r.ordinality),
  ev as (insert into events (org_id, type, data)
    select $1::text, r.type, r.data
    from jsonb_populate_recordset(null::events, $4::jsonb) with ordinality as r
    order by r.ordinality)
select (select count(*) from u)::int as updated;

-- name: claims_by_control_numbers
-- params: $1 orgId text, $2 patientControlNumbers text[]
with c as (
  select * from claims where org_id = $1::text and patient_control_number = any($2::text[])
  order by id
  for update
)
select row_to_json(c.*) as claim,
  coalesce((select json_agg(l order by l.line_number) from claim_lines l
    where l.org_id = c.org_id and l.claim_id = c.id), '[]'::json) as lines
from c;

-- name: claims_for_posting
-- params: $1 orgId text, $2 patientControlNumbers text[]
with c as (
  select id, encounter_id, patient_id, coverage_id, payer_id, status, patient_control_number from claims
  where org_id = $1::text and patient_control_number = any($2::text[])
  order by id
  for update
)
select c.id, c.encounter_id, c.patient_id, c.coverage_id, c.payer_id, c.status, c.patient_control_number,
  coalesce((select json_agg(json_build_array(l.line_number, l.control_number, l.code, l.date_of_service, l.charge_cents)
      order by l.line_number)
    from claim_lines l where l.org_id = $1::text and l.claim_id = c.id), '[]'::json) as lines
from c;

-- name: claims_for_submission
-- params: $1 orgId text, $2 claimIds text[], $3 payerId text?
with c as (
  select * from claims
  where org_id = $1::text
    and (id = any($2::text[]) or ($3::text is not null and payer_id = $3::text and status = 'ready'))
  order by id
  for update
)
select row_to_json(c.*) as claim,
  coalesce((select json_agg(l order by l.line_number) from claim_lines l
    where l.org_id = c.org_id and l.claim_id = c.id), '[]'::json) as lines,
  (select row_to_json(x) from patients x where x.org_id = c.org_id and x.id = c.patient_id) as patient,
  (select row_to_json(x) from coverages x where x.org_id = c.org_id and x.id = c.coverage_id) as coverage,
  (select row_to_json(x) from payers x where x.org_id = c.org_id and x.id = c.payer_id) as payer,
  coalesce((select json_agg(x) from providers x where x.org_id = c.org_id
    and x.id in (c.billing_provider_id, c.rendering_provider_id, c.referring_provider_id, c.facility_id)), '[]'::json)
    as providers
from c;

-- name: claims_lock_by_patient
-- params: $1 orgId text, $2 patientId text
select id, encounter_id, patient_id, status, coverage_id, payer_id, date_of_service::text as date_of_service
from claims
where org_id = $1::text and patient_id = $2::text
order by id
for update;

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
      'billingProviderId', billing_provider_id, 'payerId', payer_id, 'codes', code_fingerprint, 'status', status,
      'createdAt', created_at)), '[]')
    from claims where org_id = $1::text and patient_id = $2::text and date_of_service = $8::date
      and id <> $4::text) as others;

-- name: scrub_references_batch
-- params: $1 orgId text, $2 codeSystems text[], $3 codeKeys text[], $4 procedureCodes text[], $5 patientIds text[], $6 claimFroms text[]
select
(select coalesce(json_agg(json_build_object('system', c.system, 'codeKey', c.code_key, 'code', c.code,
    'billable', c.billable, 'effectiveFrom', c.effective_from, 'effectiveTo', c.effective_to,
    'shortDescription', c.short_description, 'longDescription', c.long_description) order by c.effective_from), '[]')
  from unnest($2::text[], $3::text[]) as k(system, code_key)
  join codes c on c.system = k.system and c.code_key = k.code_key) as versions,
(select coalesce(json_agg(json_build_object('column1', column1, 'column2', column2, 'effectiveFrom', effective_from,
    'deletedOn', deleted_on, 'modifierIndicator', modifier_indicator, 'rationale', rationale)), '[]')
  from ncci_ptp_edits where column1 = any($4::text[]) and column2 = any($4::text[])) as ptp,
(select coalesce(json_agg(json_build_object('code', code, 'maxUnits', max_units,
    'adjudicationIndicator', adjudication_indicator, 'rationale', rationale,
    'effectiveFrom', effective_from, 'effectiveTo', effective_to)), '[]')
  from mue_limits where code = any($4::text[])) as mue,
(select coalesce(json_agg(json_build_object('claimId', id, 'patientId', patient_id, 'dateOfService', date_of_service,
    'billingProviderId', billing_provider_id, 'payerId', payer_id, 'codes', code_fingerprint, 'status', status,
    'createdAt', created_at)), '[]')
  from claims where org_id = $1::text and (patient_id, date_of_service) in
    (select patient_id, claim_from::date from unnest($5::text[], $6::text[]) as k(patient_id, claim_from))) as others;
