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
