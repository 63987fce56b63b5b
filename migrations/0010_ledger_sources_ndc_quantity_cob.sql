CREATE TABLE "patient_payments" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"patient_id" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"received_on" date NOT NULL,
	"applied_cents" bigint NOT NULL,
	"credit_cents" bigint NOT NULL,
	"transaction_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_payments_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "patient_payments_amount_positive" CHECK ("patient_payments"."amount_cents" > 0),
	CONSTRAINT "patient_payments_method_known" CHECK ("patient_payments"."method" in ('cash', 'check', 'card', 'ach', 'other'))
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"patient_id" text NOT NULL,
	"recipient" text NOT NULL,
	"claim_id" text,
	"coverage_id" text,
	"payer_id" text,
	"amount_cents" bigint NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"refunded_on" date NOT NULL,
	"transaction_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount_cents" > 0),
	CONSTRAINT "refunds_recipient_known" CHECK ("refunds"."recipient" in ('patient', 'payer')),
	CONSTRAINT "refunds_method_known" CHECK ("refunds"."method" in ('cash', 'check', 'card', 'ach', 'other'))
);
--> statement-breakpoint
CREATE TABLE "writeoffs" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"claim_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"side" text NOT NULL,
	"coverage_id" text,
	"reason" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"reverses_id" text,
	"note" text,
	"transaction_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "writeoffs_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "writeoffs_amount_positive" CHECK ("writeoffs"."amount_cents" > 0),
	CONSTRAINT "writeoffs_side_known" CHECK ("writeoffs"."side" in ('insurance', 'patient')),
	CONSTRAINT "writeoffs_reason_known" CHECK ("writeoffs"."reason" in ('small_balance', 'charity', 'bad_debt', 'timely_filing', 'contractual', 'administrative'))
);
--> statement-breakpoint
ALTER TABLE "claim_lines" ADD COLUMN "ndc_quantity" numeric(12, 3);--> statement-breakpoint
ALTER TABLE "claim_lines" ADD COLUMN "ndc_unit" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "prior_claim_id" text;--> statement-breakpoint
ALTER TABLE "journal_transactions" ADD COLUMN "position" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "patient_payments" ADD CONSTRAINT "patient_payments_org_id_patient_id_patients_org_id_id_fk" FOREIGN KEY ("org_id","patient_id") REFERENCES "public"."patients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_payments" ADD CONSTRAINT "patient_payments_org_id_transaction_id_journal_transactions_org_id_id_fk" FOREIGN KEY ("org_id","transaction_id") REFERENCES "public"."journal_transactions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_org_id_patient_id_patients_org_id_id_fk" FOREIGN KEY ("org_id","patient_id") REFERENCES "public"."patients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_org_id_claim_id_claims_org_id_id_fk" FOREIGN KEY ("org_id","claim_id") REFERENCES "public"."claims"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_org_id_payer_id_payers_org_id_id_fk" FOREIGN KEY ("org_id","payer_id") REFERENCES "public"."payers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_org_id_transaction_id_journal_transactions_org_id_id_fk" FOREIGN KEY ("org_id","transaction_id") REFERENCES "public"."journal_transactions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writeoffs" ADD CONSTRAINT "writeoffs_org_id_claim_id_claims_org_id_id_fk" FOREIGN KEY ("org_id","claim_id") REFERENCES "public"."claims"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writeoffs" ADD CONSTRAINT "writeoffs_org_id_coverage_id_coverages_org_id_id_fk" FOREIGN KEY ("org_id","coverage_id") REFERENCES "public"."coverages"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writeoffs" ADD CONSTRAINT "writeoffs_org_id_transaction_id_journal_transactions_org_id_id_fk" FOREIGN KEY ("org_id","transaction_id") REFERENCES "public"."journal_transactions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_payments_org_id_patient_id_created_at_index" ON "patient_payments" USING btree ("org_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "refunds_org_id_patient_id_created_at_index" ON "refunds" USING btree ("org_id","patient_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "writeoffs_org_id_reverses_id_index" ON "writeoffs" USING btree ("org_id","reverses_id");--> statement-breakpoint
CREATE INDEX "writeoffs_org_id_claim_id_index" ON "writeoffs" USING btree ("org_id","claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_transactions_org_id_position_index" ON "journal_transactions" USING btree ("org_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_transactions_org_id_reverses_id_index" ON "journal_transactions" USING btree ("org_id","reverses_id");