-- The balance check of migration 0008, rewritten so each written transaction's entries are summed through the
-- primary key (org_id, transaction_id, entry_number): one index range per transaction instead of a join the
-- planner could turn into a scan of the whole journal (the transition table has no statistics).
CREATE OR REPLACE FUNCTION journal_refuse_unbalanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  off record;
BEGIN
  SELECT w.transaction_id, s.total INTO off
  FROM (SELECT DISTINCT n.org_id, n.transaction_id FROM written n) w
  CROSS JOIN LATERAL (
    SELECT sum(e.amount_cents) AS total FROM journal_entries e
    WHERE e.org_id = w.org_id AND e.transaction_id = w.transaction_id
  ) s
  WHERE s.total <> 0
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal transaction % is unbalanced: its entries add up to % cents, not 0', off.transaction_id, off.total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
