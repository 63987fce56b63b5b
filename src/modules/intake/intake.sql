-- Rendered from intake.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: encounter_create
-- params: $1 orgId text, $2 encounter jsonb, $3 claim jsonb?, $4 claimLines jsonb, $5 claimHistory jsonb, $6 journalTransactions jsonb, $7 journalEntries jsonb, $8 events jsonb, $9 actor text, $10 requestId text, $11 auditIds text[], $12 idempotencyKey text?, $13 responseStatus int, $14 responseBody jsonb?, $15 responseHeaders jsonb?
with e as (insert into encounters select * from jsonb_populate_record(null::encounters, $2::jsonb)),
  c as (insert into claims select * from jsonb_populate_record(null::claims, $3::jsonb) where $3::jsonb is not null),
  l as (insert into claim_lines select * from jsonb_populate_recordset(null::claim_lines, $4::jsonb)),
  h as (insert into claim_history (org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at)
    select org_id, claim_id, from_status, to_status, reason, reason_codes, actor, request_id, created_at
    from jsonb_populate_recordset(null::claim_history, $5::jsonb)),
  jt as (insert into journal_transactions (org_id, id, kind, reversal, reverses_id, source_type, source_id,
      patient_id, claim_id, effective_date)
    select r.org_id, r.id, r.kind, r.reversal, r.reverses_id, r.source_type, r.source_id, r.patient_id, r.claim_id,
      r.effective_date
    from jsonb_populate_recordset(null::journal_transactions, $6::jsonb) with ordinality as r
    order by r.ordinality),
  je as (insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, party, payer_id,
      claim_id, line_number, patient_id, category, reason_code, amount_cents, effective_date)
    select org_id, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number,
      patient_id, category, reason_code, amount_cents, effective_date
    from jsonb_populate_recordset(null::journal_entries, $7::jsonb)),
  ev as (insert into events (org_id, type, data)
    select $1::text, r.type, r.data
    from jsonb_populate_recordset(null::events, $8::jsonb) with ordinality as r
    order by r.ordinality),
  au as (insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
    select $1::text, $9::text, 'encounter.create', 'encounter', $11::text[], $10::text),
  k as (update idempotency_keys set state = 'completed', response_status = $13::int,
      response_body = $14::jsonb, response_headers = $15::jsonb
    where org_id = $1::text and key = $12::text)
select 1;

-- name: intake_read
-- params: $1 orgId text, $2 patientId text, $3 dateOfService date, $4 providerIds text[], $5 externalId text?, $6 claimId text, $7 codeSystems text[], $8 codeKeys text[], $9 procedureCodes text[], $10 claimFrom date
with cov as (select c as coverage, y as payer
  from coverages c join payers y on y.org_id = c.org_id and y.id = c.payer_id
  where c.org_id = $1::text and c.patient_id = $2::text and c.priority = 'primary' and c.active
    and c.effective_from <= $3::date and (c.effective_to is null or c.effective_to >= $3::date)
  order by c.effective_from desc, c.created_at desc
  limit 1)
select (select row_to_json(x) from patients x where x.org_id = $1::text and x.id = $2::text) as patient,
  (select coalesce(json_agg(v), '[]') from providers v where v.org_id = $1::text and v.id = any($4::text[])) as providers,
  (select row_to_json(cov.coverage) from cov) as coverage,
  (select row_to_json(cov.payer) from cov) as payer,
  to_json(now()::timestamptz(3)) as now,
  (select row_to_json(x) from encounters x where x.org_id = $1::text and x.external_id = $5::text) as existing,
  (select coalesce(json_agg(json_build_object('system', c.system, 'codeKey', c.code_key, 'code', c.code,
      'billable', c.billable, 'effectiveFrom', c.effective_from, 'effectiveTo', c.effective_to,
      'shortDescription', c.short_description, 'longDescription', c.long_description) order by c.effective_from), '[]')
    from unnest($7::text[], $8::text[]) as k(system, code_key)
    join codes c on c.system = k.system and c.code_key = k.code_key) as versions,
  (select coalesce(json_agg(json_build_object('column1', column1, 'column2', column2, 'effectiveFrom', effective_from,
      'deletedOn', deleted_on, 'modifierIndicator', modifier_indicator, 'rationale', rationale)), '[]')
    from ncci_ptp_edits where column1 = any($9::text[]) and column2 = any($9::text[])) as ptp,
  (select coalesce(json_agg(json_build_object('code', code, 'maxUnits', max_units,
      'adjudicationIndicator', adjudication_indicator, 'rationale', rationale)), '[]')
    from mue_limits where code = any($9::text[]) and effective_from <= $3::date
      and (effective_to is null or effective_to >= $3::date)) as mue,
  (select coalesce(json_agg(json_build_object('claimId', id, 'patientId', patient_id, 'dateOfService', date_of_service,
      'billingProviderId', billing_provider_id, 'payerId', payer_id, 'codes', code_fingerprint, 'status', status,
      'createdAt', created_at)), '[]')
    from claims where org_id = $1::text and patient_id = $2::text and date_of_service = $10::date
      and id <> $6::text) as others;
