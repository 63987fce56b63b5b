-- Event ids in the order the feed returns events (issue 11): the feed reads (tx_id, seq), so an event's id is made
-- of exactly that, fixed-width hex, when the row is written. Ids made by the application before (time + random)
-- did not sort: two events of one transaction could come out of id order, and a transaction that started later
-- could hold older ids. Existing events take their new ids too (a cursor kept from before no longer resolves).
CREATE FUNCTION events_feed_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.id := 'evt_' || lpad(to_hex(NEW.tx_id), 16, '0') || lpad(to_hex(NEW.seq), 16, '0');
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER events_feed_id BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_feed_id();--> statement-breakpoint
UPDATE events SET id = 'evt_' || lpad(to_hex(tx_id), 16, '0') || lpad(to_hex(seq), 16, '0');
--> statement-breakpoint
-- Events written before this release take their type's shape (src/domain/event-data.ts), which the feed's response
-- schema checks: every claim event names its patient and encounter; the status events give both statuses, a reason
-- and reason codes; the rest gain the fields added with them. What was there is kept (`defaults || data`).
UPDATE events e SET data = e.data || jsonb_build_object('patientId', c.patient_id, 'encounterId', c.encounter_id)
FROM claims c
WHERE e.type LIKE 'claim.%' AND NOT (e.data ? 'patientId') AND c.org_id = e.org_id AND c.id = e.data->>'claimId';--> statement-breakpoint
UPDATE events SET data = jsonb_build_object(
    'previousStatus', CASE type WHEN 'claim.submitted' THEN 'ready' WHEN 'claim.reopened' THEN 'closed'
      WHEN 'claim.closed' THEN 'paid' ELSE 'submitted' END,
    'status', CASE type WHEN 'claim.submitted' THEN 'submitted' WHEN 'claim.accepted' THEN 'accepted'
      WHEN 'claim.rejected' THEN 'rejected' WHEN 'claim.closed' THEN 'closed' ELSE 'paid' END,
    'reason', '',
    'reasonCodes', coalesce(data->'codes', '[]'::jsonb)
  ) || data
WHERE type IN ('claim.submitted', 'claim.accepted', 'claim.rejected', 'claim.closed', 'claim.reopened')
  AND NOT (data ? 'reasonCodes');--> statement-breakpoint
UPDATE events SET data = '{"insuranceBalanceCents": 0, "patientBalanceCents": 0}'::jsonb || data
WHERE type = 'claim.closed' AND NOT (data ? 'patientBalanceCents');--> statement-breakpoint
UPDATE events SET data = '{"messages": []}'::jsonb || data WHERE type = 'claim.rejected' AND NOT (data ? 'messages');--> statement-breakpoint
UPDATE events SET data = '{"reasonCodes": []}'::jsonb || data
WHERE type = 'claim.adjudicated' AND NOT (data ? 'reasonCodes');--> statement-breakpoint
UPDATE events e SET data = jsonb_build_object('chargeCents', coalesce(a.charge_cents, 0)) || e.data
FROM adjudications a
WHERE e.type = 'claim.denied' AND NOT (e.data ? 'chargeCents') AND a.org_id = e.org_id AND a.id = e.data->>'adjudicationId';--> statement-breakpoint
UPDATE events SET data = data || jsonb_build_object('writeoffId', data->>'id')
WHERE type = 'writeoff.posted' AND NOT (data ? 'writeoffId');--> statement-breakpoint
UPDATE events SET data = data || jsonb_build_object('refundId', data->>'id')
WHERE type = 'refund.posted' AND NOT (data ? 'refundId');
