-- Each journal entry carries its transaction's effective date (issue 10): the balance and statement reads date a
-- claim's charges and the patient's first amount owed from the entries they sum, instead of looking up the
-- transaction of each such entry (half of the statement's time in PostgreSQL). The foreign key to the transaction
-- now includes the date, so an entry's date can only be its transaction's.
-- Existing entries take their transaction's date: a new column filled once, not a change of what they record, so
-- the append-only trigger is set aside for this one statement of the migration and restored in the same transaction.
ALTER TABLE "journal_entries" ADD COLUMN "effective_date" date;--> statement-breakpoint
ALTER TABLE "journal_entries" DISABLE TRIGGER "journal_entries_append_only";--> statement-breakpoint
UPDATE "journal_entries" e SET "effective_date" = t."effective_date"
FROM "journal_transactions" t
WHERE t."org_id" = e."org_id" AND t."id" = e."transaction_id";--> statement-breakpoint
ALTER TABLE "journal_entries" ENABLE TRIGGER "journal_entries_append_only";--> statement-breakpoint
ALTER TABLE "journal_entries" ALTER COLUMN "effective_date" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_transactions_org_id_id_effective_date_index" ON "journal_transactions" USING btree ("org_id","id","effective_date");--> statement-breakpoint
ALTER TABLE "journal_entries" DROP CONSTRAINT "journal_entries_org_id_transaction_id_journal_transactions_org_id_id_fk";--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_transaction_fk" FOREIGN KEY ("org_id","transaction_id","effective_date") REFERENCES "public"."journal_transactions"("org_id","id","effective_date") ON DELETE no action ON UPDATE no action;
