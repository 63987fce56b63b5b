-- Rendered from ledger.sql.ts by `npm run generate`; do not edit (a test fails when it drifts).
-- Each statement runs as a named prepared statement; a test prepares every one against the migrated schema.

-- name: journal_post
-- params: $1 journalTransactions jsonb, $2 journalEntries jsonb
with jt as (insert into journal_transactions (org_id, id, kind, reversal, reverses_id, source_type, source_id,
      patient_id, claim_id, effective_date)
    select r.org_id, r.id, r.kind, r.reversal, r.reverses_id, r.source_type, r.source_id, r.patient_id, r.claim_id,
      r.effective_date
    from jsonb_populate_recordset(null::journal_transactions, $1::jsonb) with ordinality as r
    order by r.ordinality),
  je as (insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, party, payer_id,
      claim_id, line_number, patient_id, category, reason_code, amount_cents, effective_date)
    select org_id, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number,
      patient_id, category, reason_code, amount_cents, effective_date
    from jsonb_populate_recordset(null::journal_entries, $2::jsonb))
select 1;

-- name: ledger_patient_receivable_sums
-- params: $1 orgId text, $2 patientId text
select e.claim_id, e.line_number, e.account_kind, e.party, e.payer_id, e.category, sum(e.amount_cents)::text as cents, null as charged_on, null as first_owed_on
from journal_entries e
where e.org_id = $1::text and e.patient_id = $2::text
  and (e.party = 'patient' or e.account_kind = 'patient_credit')
group by e.claim_id, e.line_number, e.account_kind, e.party, e.payer_id, e.category;
