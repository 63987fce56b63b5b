import { defineStatement, type ParamRefs, sqlText } from '../../db/sql.js';

/**
 * The journal's one write: data-modifying CTEs `jt` and `je` inserting journal transactions and their entries
 * from two JSON arrays (`journalRows`), so a caller writes them in its own statement (intake writes a claim's
 * charges with the claim). All entries of a transaction are in one statement, which is what the balance trigger
 * checks; the entries' foreign key to their transaction is checked at the end of it.
 */
export const journalRowsInsert = (p: ParamRefs<{ journalTransactions: unknown; journalEntries: unknown }>) => sqlText`
  jt as (insert into journal_transactions (org_id, id, kind, reversal, reverses_id, source_type, source_id,
      patient_id, claim_id, effective_date)
    select r.org_id, r.id, r.kind, r.reversal, r.reverses_id, r.source_type, r.source_id, r.patient_id, r.claim_id,
      r.effective_date
    from jsonb_populate_recordset(null::journal_transactions, ${p.journalTransactions}) with ordinality as r
    order by r.ordinality),
  je as (insert into journal_entries (org_id, transaction_id, entry_number, account, account_kind, party, payer_id,
      claim_id, line_number, patient_id, category, reason_code, amount_cents, effective_date)
    select org_id, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number,
      patient_id, category, reason_code, amount_cents, effective_date
    from jsonb_populate_recordset(null::journal_entries, ${p.journalEntries}))`;

/** Journal transactions on their own (payments, adjudications, write-offs…), any number in one statement. */
export const journalPost = defineStatement(
  'journal_post',
  { journalTransactions: 'jsonb', journalEntries: 'jsonb' },
  (p) => sqlText`
    with ${journalRowsInsert(p)}
    select 1`,
);

/**
 * A patient's receivable and credit entries summed per claim and party (`perLine`: per claim, line, party and
 * category too). `dated` adds the two dates aging counts from: `charged_on`, the journal date of the claim's
 * charges (a charge entry belongs to a claim_charge transaction: its date of service), and `first_owed_on`, the
 * journal date of the first amount put on the patient's receivable (null otherwise). Credit rows have no party.
 * `patientSideOnly` keeps the patient's receivables and credit (what payments, credit and refunds read).
 * Everything comes from the entries alone (each carries its transaction's date), through the (org, patient) index.
 */
export const patientReceivableGroups = (
  p: ParamRefs<{ orgId: unknown; patientId: unknown }>,
  { perLine, dated, patientSideOnly = false }: { perLine: boolean; dated: boolean; patientSideOnly?: boolean },
) => {
  const keys = perLine
    ? 'e.claim_id, e.line_number, e.account_kind, e.party, e.payer_id, e.category'
    : 'e.claim_id, e.account_kind, e.party, e.payer_id';
  const dates = dated
    ? `,
      min(e.effective_date) filter (where e.category = 'charge')::text as charged_on,
      min(e.effective_date) filter (where e.party = 'patient' and e.amount_cents > 0)::text as first_owed_on`
    : ', null as charged_on, null as first_owed_on';
  return sqlText`
    select ${keys}, sum(e.amount_cents)::text as cents${dates}
    from journal_entries e
    where e.org_id = ${p.orgId} and e.patient_id = ${p.patientId}
      and ${patientSideOnly ? "(e.party = 'patient' or e.account_kind = 'patient_credit')" : "e.account_kind in ('receivable', 'patient_credit')"}
    group by ${keys}`;
};

/**
 * What the patient owes on each claim line and holds as credit, summed per claim, line and category, without dates:
 * everything the allocation and credit rules read of the entries (the patient's side; none depends on their order),
 * in as many rows as the patient has figures rather than entries.
 */
export const patientReceivableSums = defineStatement(
  'ledger_patient_receivable_sums',
  { orgId: 'text', patientId: 'text' },
  (p) => sqlText`
    ${patientReceivableGroups(p, { perLine: true, dated: false, patientSideOnly: true })}`,
);
