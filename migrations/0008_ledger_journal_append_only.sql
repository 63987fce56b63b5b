-- The journal is append-only for every role, the application's included: a correction is a new transaction.
CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal rows are append-only: % on % refused (post a correcting transaction instead)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER journal_transactions_append_only BEFORE UPDATE OR DELETE ON journal_transactions
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();--> statement-breakpoint
CREATE TRIGGER journal_transactions_no_truncate BEFORE TRUNCATE ON journal_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();--> statement-breakpoint
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();--> statement-breakpoint
-- A transaction's entries are written by one statement and must add up to zero (debits = credits): checked once
-- per statement over the transactions it wrote, so a statement leaving any of them unbalanced fails whole.
CREATE FUNCTION journal_refuse_unbalanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off record;
BEGIN
  SELECT e.org_id, e.transaction_id, sum(e.amount_cents) AS total INTO off
  FROM journal_entries e
  WHERE (e.org_id, e.transaction_id) IN (SELECT DISTINCT n.org_id, n.transaction_id FROM written n)
  GROUP BY e.org_id, e.transaction_id
  HAVING sum(e.amount_cents) <> 0
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal transaction % is unbalanced: its entries add up to % cents, not 0', off.transaction_id, off.total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_unbalanced();
