-- Rendered from balances.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: balance_read
-- params: $1 orgId text, $2 patientId text, $3 actor text, $4 requestId text
with x as (select id from patients where org_id = $1::text and id = $2::text),
  a as (insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
    select $1::text, $3::text, 'patient_balance.read', 'patient_balance', array[$2::text], $4::text
    where exists (select 1 from x))
select g.*
from x
left join lateral (
  select e.claim_id, e.account_kind, e.party, e.payer_id, sum(e.amount_cents)::text as cents,
          min(case when e.category = 'charge' then (select t.effective_date from journal_transactions t where t.org_id = e.org_id and t.id = e.transaction_id) end)::text as charged_on,
          min(case when e.party = 'patient' and e.amount_cents > 0 then (select t.effective_date from journal_transactions t where t.org_id = e.org_id and t.id = e.transaction_id) end)::text as first_owed_on
  from journal_entries e
  where e.org_id = $1::text and e.patient_id = $2::text
    and e.account_kind in ('receivable', 'patient_credit')
  group by e.claim_id, e.account_kind, e.party, e.payer_id
) g on true;

-- name: statement_read
-- params: $1 orgId text, $2 patientId text, $3 actor text, $4 requestId text
with x as (select first_name, last_name, address::text as address_json from patients where org_id = $1::text and id = $2::text),
  a as (insert into audit_events (org_id, actor, action, resource_type, resource_ids, request_id)
    select $1::text, $3::text, 'patient_statement.read', 'patient_statement', array[$2::text], $4::text
    where exists (select 1 from x))
select x.first_name, x.last_name, x.address_json, g.*
from x
left join lateral (
  select e.claim_id, e.line_number, e.account_kind, e.party, e.payer_id, e.category, sum(e.amount_cents)::text as cents,
          min(case when e.category = 'charge' then (select t.effective_date from journal_transactions t where t.org_id = e.org_id and t.id = e.transaction_id) end)::text as charged_on,
          min(case when e.party = 'patient' and e.amount_cents > 0 then (select t.effective_date from journal_transactions t where t.org_id = e.org_id and t.id = e.transaction_id) end)::text as first_owed_on
  from journal_entries e
  where e.org_id = $1::text and e.patient_id = $2::text
    and e.account_kind in ('receivable', 'patient_credit')
  group by e.claim_id, e.line_number, e.account_kind, e.party, e.payer_id, e.category
) g on true;

-- name: statement_visits
-- params: $1 orgId text, $2 claimIds text[]
select c.id, c.date_of_service::text as date_of_service, c.payer_id, c.status, l.line_number, l.code,
  l.date_of_service::text as line_date_of_service
from claims c
left join claim_lines l on l.org_id = c.org_id and l.claim_id = c.id
where c.org_id = $1::text and c.id = any($2::text[])
order by c.date_of_service, c.id, l.line_number;
