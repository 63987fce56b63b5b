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
          min(e.effective_date) filter (where e.category = 'charge')::text as charged_on,
          min(e.effective_date) filter (where e.party = 'patient' and e.amount_cents > 0)::text as first_owed_on
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
    where exists (select 1 from x)),
  g as (select e.claim_id, e.line_number, e.account_kind, e.party, e.payer_id, e.category, sum(e.amount_cents)::text as cents,
            min(e.effective_date) filter (where e.category = 'charge')::text as charged_on,
            min(e.effective_date) filter (where e.party = 'patient' and e.amount_cents > 0)::text as first_owed_on
    from journal_entries e
    where e.org_id = $1::text and e.patient_id = $2::text
      and e.account_kind in ('receivable', 'patient_credit')
    group by e.claim_id, e.line_number, e.account_kind, e.party, e.payer_id, e.category),
  v as (
    select c.id, c.date_of_service, c.payer_id, c.status, l.line_number, l.code, l.date_of_service as line_date
    from claims c
    left join claim_lines l on l.org_id = c.org_id and l.claim_id = c.id
    where c.org_id = $1::text
      and c.id in (select g.claim_id from g where g.claim_id is not null and g.cents <> '0')
  )
select x.first_name, x.last_name, x.address_json,
  (select coalesce(json_agg(json_build_array(v.id, v.date_of_service, v.payer_id, v.status, v.line_number, v.code,
    v.line_date) order by v.date_of_service, v.id, v.line_number), '[]') from v)::text as visits_json,
  null as claim_id, null as line_number, null as account_kind, null as party, null as payer_id,
  null as category, null as cents, null as charged_on, null as first_owed_on
from x
union all
select null, null, null, null, g.*
from g
where exists (select 1 from x);
