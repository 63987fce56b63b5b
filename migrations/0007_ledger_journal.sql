CREATE TABLE "journal_entries" (
	"org_id" text NOT NULL,
	"transaction_id" text NOT NULL,
	"entry_number" integer NOT NULL,
	"account" text NOT NULL,
	"account_kind" text NOT NULL,
	"party" text,
	"payer_id" text,
	"claim_id" text,
	"line_number" integer,
	"patient_id" text,
	"category" text NOT NULL,
	"reason_code" text,
	"amount_cents" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_org_id_transaction_id_entry_number_pk" PRIMARY KEY("org_id","transaction_id","entry_number"),
	CONSTRAINT "journal_entries_amount_nonzero" CHECK ("journal_entries"."amount_cents" <> 0)
);
--> statement-breakpoint
CREATE TABLE "journal_transactions" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"reversal" boolean NOT NULL,
	"reverses_id" text,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"patient_id" text,
	"claim_id" text,
	"effective_date" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_transactions_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "journal_transactions_kind_known" CHECK ("journal_transactions"."kind" in ('claim_charge', 'adjudication', 'provider_adjustment', 'patient_payment', 'credit_application', 'overpayment_to_credit', 'responsibility_transfer', 'writeoff', 'patient_refund', 'payer_refund'))
);
--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_org_id_transaction_id_journal_transactions_org_id_id_fk" FOREIGN KEY ("org_id","transaction_id") REFERENCES "public"."journal_transactions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_transactions" ADD CONSTRAINT "journal_transactions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journal_entries_org_id_patient_id_created_at_index" ON "journal_entries" USING btree ("org_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "journal_entries_org_id_claim_id_line_number_index" ON "journal_entries" USING btree ("org_id","claim_id","line_number");--> statement-breakpoint
CREATE INDEX "journal_entries_org_id_account_kind_party_index" ON "journal_entries" USING btree ("org_id","account_kind","party");--> statement-breakpoint
CREATE INDEX "journal_transactions_org_id_source_type_source_id_index" ON "journal_transactions" USING btree ("org_id","source_type","source_id");--> statement-breakpoint
CREATE INDEX "journal_transactions_org_id_claim_id_index" ON "journal_transactions" USING btree ("org_id","claim_id");