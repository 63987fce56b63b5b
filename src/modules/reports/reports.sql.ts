import { defineStatement, type ParamRefs, sqlText } from '../../db/sql.js';
import { AGING_BUCKETS } from '../../domain/ledger/aging.js';

/**
 * The reports module's fixed statements (rendered in reports.sql). Reports are read models: each is one statement
 * reading other modules' tables directly — the ledger's journal (journal_transactions, journal_entries), claims,
 * payers, adjudications — and writing nothing. They aggregate in the database instead of walking services, which
 * would move every entry of the organization into the process.
 */

/**
 * The planner settings a report runs with, for its transaction only: no JIT (compiling the plan costs ~200 ms, more
 * than it saves on a one-pass aggregate); a plan made for the actual asOf (a generic plan guesses that a third of
 * the journal is dated after it, and joins every entry instead of the late ones); and, for a report that hashes
 * the whole journal (`workMem` given), the memory to do it without spilling to disk. Left at the server's default
 * otherwise: with more memory the planner trades the receivables index's ordered pass for a hash of the table.
 */
export const reportSettings = defineStatement(
  'report_settings',
  { workMem: 'text?' },
  (p) => sqlText`
    select set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true),
      set_config('work_mem', coalesce(${p.workMem}, current_setting('work_mem')), true)`,
);

/** Per aging bucket (AGING_BUCKETS): `b<i>_cents` and `b<i>_count` of the positive balances whose age falls in it. */
const bucketColumns = AGING_BUCKETS.map((b, i) => {
  // A date after asOf is 0 days old (agingBucketOf): the first bucket takes negative ages.
  const range =
    i === 0
      ? `days <= ${b.toDays}`
      : b.toDays === null
        ? `days >= ${b.fromDays}`
        : `days between ${b.fromDays} and ${b.toDays}`;
  return `coalesce(sum(balance_cents) filter (where balance_cents > 0 and ${range}), 0) as b${i}_cents,
count(*) filter (where balance_cents > 0 and ${range}) as b${i}_count`;
}).join(',\n');

/**
 * `aged` (payer_id, balance_cents, days) summed per payer (null: the patient side): the bucket columns for
 * positive balances, and credit balances apart (never aged); with the payer's name.
 */
const agingGroups = (p: ParamRefs<{ orgId: unknown }>) => sqlText`
  groups as (
    select payer_id,
      ${bucketColumns},
      coalesce(sum(balance_cents) filter (where balance_cents < 0), 0) as credit_cents,
      count(*) filter (where balance_cents < 0) as credit_count
    from aged
    group by payer_id
  )
  select g.*, y.name as payer_name
  from groups g
  left join payers y on y.org_id = ${p.orgId} and y.id = g.payer_id
  order by g.payer_id is null, y.name, g.payer_id`;

/**
 * Receivables as of `asOf`, aged from each claim's date of service, in one ordered pass over the receivable entries
 * (`totals`: every receivable's balance over all its entries, index-only over journal_entries' receivables index,
 * zero ones dropped as it goes) corrected by what transactions effective after asOf put on them (`late`: nothing
 * when asOf is today, so the journal is never joined entry by entry). The full join keeps a receivable that is
 * zero now but was not then (only `late` has it). The rest join their claim for its date of service. A patient
 * receivable has no payer: `payer_key` '' stands for it (an equality a hash join can take).
 */
export const agingByServiceDate = defineStatement(
  'report_aging_by_service_date',
  { orgId: 'text', asOf: 'date' },
  (p) => sqlText`
    with totals as (
      select e.claim_id, e.party, coalesce(e.payer_id, '') as payer_key, sum(e.amount_cents) as cents
      from journal_entries e
      where e.org_id = ${p.orgId} and e.account_kind = 'receivable'
      group by e.claim_id, e.party, e.payer_id
      having sum(e.amount_cents) <> 0
    ),
    late as materialized (
      select e.claim_id, e.party, coalesce(e.payer_id, '') as payer_key, sum(e.amount_cents) as cents
      from journal_transactions t
      join journal_entries e on e.org_id = t.org_id and e.transaction_id = t.id
      where t.org_id = ${p.orgId} and t.effective_date > ${p.asOf} and e.account_kind = 'receivable'
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
      select b.payer_id, b.balance_cents, ${p.asOf} - c.date_of_service as days
      from balances b
      join claims c on c.org_id = ${p.orgId} and c.id = b.claim_id
    ),
    ${agingGroups(p)}`,
);

/**
 * Receivables as of `asOf`, aged from the day each party was first billed on the claim: the effective date of the
 * earliest transaction (by asOf) putting a positive amount on its receivable. That date is per entry, so this pass
 * joins every receivable entry to its transaction; the balance comes out of the same pass.
 */
export const agingByBilledDate = defineStatement(
  'report_aging_by_billed_date',
  { orgId: 'text', asOf: 'date' },
  (p) => sqlText`
    with balances as materialized (
      select e.claim_id, e.party, e.payer_id, sum(e.amount_cents) as balance_cents,
        min(t.effective_date) filter (where e.amount_cents > 0) as first_billed
      from journal_entries e
      join journal_transactions t on t.org_id = e.org_id and t.id = e.transaction_id
      where e.org_id = ${p.orgId} and e.account_kind = 'receivable' and t.effective_date <= ${p.asOf}
      group by e.claim_id, e.party, e.payer_id
      having sum(e.amount_cents) <> 0
    ),
    aged as (
      select payer_id, balance_cents, ${p.asOf} - first_billed as days
      from balances
    ),
    ${agingGroups(p)}`,
);

/** An adjustment of a jsonb `adjustments` array element `adj` (domain Adjustment: group, reasonCode, amountCents). */
const adjustmentColumns = `adj->>'group' as grp, adj->>'reasonCode' as reason_code, (adj->>'amountCents')::bigint as cents`;

/**
 * Denied amounts and counts over adjudications created in [from, until) (instants of the org's zone), per month
 * (of the adjudication's creation, in that zone), payer (the claim's) and CARC group, with the codes per group.
 * - A decision is left out when it is a reversal (CLP02 22), a predetermination (25), or cancelled: a later
 *   reversal on the same claim negates its charge and payment, and no other decision with those amounts comes
 *   between them (the reversal takes back the latest one, as the ledger posts it). Unmatched decisions (no claim)
 *   have no payer here and are left out.
 * - A denial is a claim denied whole (CLP02 4 or 23, or nothing paid and nothing left to the patient:
 *   `adjudicatedStatus`), or else each denied line (paid 0, no PR, a charge: `isDeniedLine`).
 * - What it denied is its non-PR adjustments (claim level and lines for a claim, the line's for a line), each
 *   under its own group and code: charge − paid − patient responsibility, the charge itself for a denial proper.
 * Grouping sets give: rows (month, payer, group), codes (group, code), groups (group) and the total (), each
 * summing amounts and counting distinct denials (a denial with CO and OA codes counts once in each group).
 */
export const denialsReport = defineStatement(
  'report_denials',
  { orgId: 'text', timeZone: 'text', from: 'date', until: 'date' },
  (p) => sqlText`
    with decisions as (
      select a.id, a.adjustments, a.lines, c.payer_id,
        to_char(a.created_at at time zone ${p.timeZone}, 'YYYY-MM') as month,
        a.status_code in ('4', '23') or (a.paid_cents = 0 and a.patient_responsibility_cents = 0) as claim_denied
      from adjudications a
      join claims c on c.org_id = a.org_id and c.id = a.claim_id
      where a.org_id = ${p.orgId} and a.status_code not in ('22', '25')
        and a.created_at >= (${p.from}::timestamp at time zone ${p.timeZone})
        and a.created_at < (${p.until}::timestamp at time zone ${p.timeZone})
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
        select ${adjustmentColumns} from jsonb_array_elements(d.adjustments) adj
        union all
        select ${adjustmentColumns}
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
    left join payers y on y.org_id = ${p.orgId} and y.id = s.payer_id`,
);
