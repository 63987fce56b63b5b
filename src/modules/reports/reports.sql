-- Rendered from reports.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: report_aging_by_billed_date
-- params: $1 orgId text, $2 asOf date
with balances as materialized (
  select e.claim_id, e.party, e.payer_id, sum(e.amount_cents) as balance_cents,
    min(t.effective_date) filter (where e.amount_cents > 0) as first_billed
  from journal_entries e
  join journal_transactions t on t.org_id = e.org_id and t.id = e.transaction_id
  where e.org_id = $1::text and e.account_kind = 'receivable' and t.effective_date <= $2::date
  group by e.claim_id, e.party, e.payer_id
  having sum(e.amount_cents) <> 0
),
aged as (
  select payer_id, balance_cents, $2::date - first_billed as days
  from balances
),
groups as (
  select payer_id,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days <= 30), 0) as b0_cents,
    count(*) filter (where balance_cents > 0 and days <= 30) as b0_count,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days between 31 and 60), 0) as b1_cents,
    count(*) filter (where balance_cents > 0 and days between 31 and 60) as b1_count,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days between 61 and 90), 0) as b2_cents,
    count(*) filter (where balance_cents > 0 and days between 61 and 90) as b2_count,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days between 91 and 120), 0) as b3_cents,
    count(*) filter (where balance_cents > 0 and days between 91 and 120) as b3_count,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days >= 121), 0) as b4_cents,
    count(*) filter (where balance_cents > 0 and days >= 121) as b4_count,
    coalesce(sum(balance_cents) filter (where balance_cents < 0), 0) as credit_cents,
    count(*) filter (where balance_cents < 0) as credit_count
  from aged
  group by payer_id
)
select g.*, y.name as payer_name
from groups g
left join payers y on y.org_id = $1::text and y.id = g.payer_id
order by g.payer_id is null, y.name, g.payer_id;

-- name: report_aging_by_service_date
-- params: $1 orgId text, $2 asOf date
with totals as (
  select e.claim_id, e.party, coalesce(e.payer_id, '') as payer_key, sum(e.amount_cents) as cents
  from journal_entries e
  where e.org_id = $1::text and e.account_kind = 'receivable'
  group by e.claim_id, e.party, e.payer_id
  having sum(e.amount_cents) <> 0
),
late as materialized (
  select e.claim_id, e.party, coalesce(e.payer_id, '') as payer_key, sum(e.amount_cents) as cents
  from journal_transactions t
  join journal_entries e on e.org_id = t.org_id and e.transaction_id = t.id
  where t.org_id = $1::text and t.effective_date > $2::date and e.account_kind = 'receivable'
  group by e.claim_id, e.party, e.payer_id
),
balances as (
  select coalesce(x.claim_id, l.claim_id) as claim_id, nullif(coalesce(x.payer_key, l.payer_key), '') as payer_id,
    coalesce(x.cents, 0) - coalesce(l.cents, 0) as balance_cents
  from totals x
  full join late l on l.claim_id = x.claim_id and l.party = x.party and l.payer_key = x.payer_key
  where coalesce(x.cents, 0) - coalesce(l.cents, 0) <> 0
),
aged as (
  select b.payer_id, b.balance_cents, $2::date - c.date_of_service as days
  from balances b
  join claims c on c.org_id = $1::text and c.id = b.claim_id
),
groups as (
  select payer_id,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days <= 30), 0) as b0_cents,
    count(*) filter (where balance_cents > 0 and days <= 30) as b0_count,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days between 31 and 60), 0) as b1_cents,
    count(*) filter (where balance_cents > 0 and days between 31 and 60) as b1_count,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days between 61 and 90), 0) as b2_cents,
    count(*) filter (where balance_cents > 0 and days between 61 and 90) as b2_count,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days between 91 and 120), 0) as b3_cents,
    count(*) filter (where balance_cents > 0 and days between 91 and 120) as b3_count,
    coalesce(sum(balance_cents) filter (where balance_cents > 0 and days >= 121), 0) as b4_cents,
    count(*) filter (where balance_cents > 0 and days >= 121) as b4_count,
    coalesce(sum(balance_cents) filter (where balance_cents < 0), 0) as credit_cents,
    count(*) filter (where balance_cents < 0) as credit_count
  from aged
  group by payer_id
)
select g.*, y.name as payer_name
from groups g
left join payers y on y.org_id = $1::text and y.id = g.payer_id
order by g.payer_id is null, y.name, g.payer_id;

-- name: report_denials
-- params: $1 orgId text, $2 timeZone text, $3 from date, $4 until date
with decisions as (
  select a.id, a.adjustments, a.lines, c.payer_id,
    to_char(a.created_at at time zone $2::text, 'YYYY-MM') as month,
    a.status_code in ('4', '23') or (a.paid_cents = 0 and a.patient_responsibility_cents = 0) as claim_denied
  from adjudications a
  join claims c on c.org_id = a.org_id and c.id = a.claim_id
  where a.org_id = $1::text and a.status_code not in ('22', '25')
    and a.created_at >= ($3::date::timestamp at time zone $2::text)
    and a.created_at < ($4::date::timestamp at time zone $2::text)
    and not exists (
      select from adjudications r
      where r.org_id = a.org_id and r.claim_id = a.claim_id and r.status_code = '22'
        and r.charge_cents = -a.charge_cents and r.paid_cents = -a.paid_cents
        and (r.created_at, r.sequence) > (a.created_at, a.sequence)
        and not exists (
          select from adjudications o
          where o.org_id = a.org_id and o.claim_id = a.claim_id and o.status_code not in ('22', '25')
            and o.charge_cents = a.charge_cents and o.paid_cents = a.paid_cents
            and (o.created_at, o.sequence) > (a.created_at, a.sequence)
            and (o.created_at, o.sequence) < (r.created_at, r.sequence)))
),
denied as (
  select d.id as denial, d.month, d.payer_id, x.grp, x.reason_code, x.cents
  from decisions d
  cross join lateral (
    select adj->>'group' as grp, adj->>'reasonCode' as reason_code, (adj->>'amountCents')::bigint as cents from jsonb_array_elements(d.adjustments) adj
    union all
    select adj->>'group' as grp, adj->>'reasonCode' as reason_code, (adj->>'amountCents')::bigint as cents
    from jsonb_array_elements(d.lines) line, jsonb_array_elements(line->'adjustments') adj
  ) x
  where d.claim_denied
  union all
  select d.id || ':' || l.n, d.month, d.payer_id, adj->>'group', adj->>'reasonCode', (adj->>'amountCents')::bigint
  from decisions d
  cross join lateral jsonb_array_elements(d.lines) with ordinality as l(line, n)
  cross join lateral jsonb_array_elements(l.line->'adjustments') adj
  where not d.claim_denied and (l.line->>'paidCents')::bigint = 0 and (l.line->>'chargeCents')::bigint > 0
    and coalesce((select sum((pr->>'amountCents')::bigint) from jsonb_array_elements(l.line->'adjustments') pr
      where pr->>'group' = 'PR'), 0) = 0
),
sums as (
  select month, payer_id, grp, reason_code, grouping(month, payer_id, grp, reason_code) as level,
    sum(cents) as denied_cents, count(distinct denial) as denials
  from denied
  where grp <> 'PR'
  group by grouping sets ((month, payer_id, grp), (grp, reason_code), (grp), ())
)
select s.*, y.name as payer_name
from sums s
left join payers y on y.org_id = $1::text and y.id = s.payer_id;

-- name: report_settings
-- params: $1 workMem text?
select set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true),
  set_config('work_mem', coalesce($1::text, current_setting('work_mem')), true);
