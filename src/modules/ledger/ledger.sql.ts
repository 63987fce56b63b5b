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
      claim_id, line_number, patient_id, category, reason_code, amount_cents)
    select org_id, transaction_id, entry_number, account, account_kind, party, payer_id, claim_id, line_number,
      patient_id, category, reason_code, amount_cents
    from jsonb_populate_recordset(null::journal_entries, ${p.journalEntries}))`;

/** Journal transactions on their own (payments, adjudications, write-offs…), any number in one statement. */
export const journalPost = defineStatement(
  'journal_post',
  { journalTransactions: 'jsonb', journalEntries: 'jsonb' },
  (p) => sqlText`
    with ${journalRowsInsert(p)}
    select 1`,
);
