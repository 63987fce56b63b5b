CREATE TABLE "acknowledgments" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"file_hash" text NOT NULL,
	"interchange_control_number" text NOT NULL,
	"sender_id" text NOT NULL,
	"results" jsonb NOT NULL,
	"x12" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acknowledgments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "adjudications" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"claim_id" text,
	"remittance_id" text,
	"source" text NOT NULL,
	"sequence" integer NOT NULL,
	"patient_control_number" text NOT NULL,
	"status_code" text NOT NULL,
	"payer_claim_control_number" text,
	"charge_cents" bigint NOT NULL,
	"paid_cents" bigint NOT NULL,
	"patient_responsibility_cents" bigint NOT NULL,
	"allowed_cents" bigint,
	"filing_indicator" text,
	"adjustments" jsonb NOT NULL,
	"remark_codes" text[] NOT NULL,
	"lines" jsonb NOT NULL,
	"service_date" date,
	"service_date_to" date,
	"patient_name" text,
	"claim_status" text,
	"status_applied" boolean NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adjudications_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "adjudications_source_known" CHECK ("adjudications"."source" in ('x12_835', 'api'))
);
--> statement-breakpoint
CREATE TABLE "remittances" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"payer_key" text NOT NULL,
	"trace_number" text NOT NULL,
	"payer_id" text,
	"payer_name" text NOT NULL,
	"payer_identifier" text,
	"handling_code" text NOT NULL,
	"credit_debit" text NOT NULL,
	"payment_method" text NOT NULL,
	"payment_date" date,
	"payment_cents" bigint NOT NULL,
	"payee_name" text,
	"payee_npi" text,
	"provider_adjustments" jsonb NOT NULL,
	"claim_count" integer NOT NULL,
	"unmatched_count" integer NOT NULL,
	"interchange_control_number" text NOT NULL,
	"transaction_control_number" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remittances_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "submission_claims" (
	"org_id" text NOT NULL,
	"submission_id" text NOT NULL,
	"claim_id" text NOT NULL,
	"patient_control_number" text NOT NULL,
	"transaction_control_number" text NOT NULL,
	"ack_status" text,
	CONSTRAINT "submission_claims_org_id_submission_id_claim_id_pk" PRIMARY KEY("org_id","submission_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"payer_id" text NOT NULL,
	"status" text NOT NULL,
	"usage" text NOT NULL,
	"interchange_control_number" bigint NOT NULL,
	"group_control_number" bigint NOT NULL,
	"first_transaction_control_number" bigint NOT NULL,
	"transaction_count" integer NOT NULL,
	"claim_count" integer NOT NULL,
	"total_charge_cents" bigint NOT NULL,
	"x12" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "x12_control_numbers" (
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"last_value" bigint NOT NULL,
	CONSTRAINT "x12_control_numbers_org_id_kind_pk" PRIMARY KEY("org_id","kind")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "x12_submitter" jsonb;--> statement-breakpoint
ALTER TABLE "payers" ADD COLUMN "x12_receiver" jsonb;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "corrects_claim_id" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "corrected_by_claim_id" text;--> statement-breakpoint
ALTER TABLE "acknowledgments" ADD CONSTRAINT "acknowledgments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjudications" ADD CONSTRAINT "adjudications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjudications" ADD CONSTRAINT "adjudications_org_id_claim_id_claims_org_id_id_fk" FOREIGN KEY ("org_id","claim_id") REFERENCES "public"."claims"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjudications" ADD CONSTRAINT "adjudications_org_id_remittance_id_remittances_org_id_id_fk" FOREIGN KEY ("org_id","remittance_id") REFERENCES "public"."remittances"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_claims" ADD CONSTRAINT "submission_claims_org_id_submission_id_submissions_org_id_id_fk" FOREIGN KEY ("org_id","submission_id") REFERENCES "public"."submissions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_claims" ADD CONSTRAINT "submission_claims_org_id_claim_id_claims_org_id_id_fk" FOREIGN KEY ("org_id","claim_id") REFERENCES "public"."claims"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_org_id_payer_id_payers_org_id_id_fk" FOREIGN KEY ("org_id","payer_id") REFERENCES "public"."payers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "x12_control_numbers" ADD CONSTRAINT "x12_control_numbers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "acknowledgments_org_id_file_hash_index" ON "acknowledgments" USING btree ("org_id","file_hash");--> statement-breakpoint
CREATE INDEX "acknowledgments_org_id_created_at_id_index" ON "acknowledgments" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "adjudications_org_id_claim_id_created_at_index" ON "adjudications" USING btree ("org_id","claim_id","created_at");--> statement-breakpoint
CREATE INDEX "adjudications_org_id_remittance_id_sequence_index" ON "adjudications" USING btree ("org_id","remittance_id","sequence");--> statement-breakpoint
CREATE INDEX "adjudications_unmatched_idx" ON "adjudications" USING btree ("org_id","created_at","id") WHERE claim_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "remittances_org_id_payer_key_trace_number_index" ON "remittances" USING btree ("org_id","payer_key","trace_number");--> statement-breakpoint
CREATE INDEX "remittances_org_id_created_at_id_index" ON "remittances" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "submission_claims_org_id_claim_id_index" ON "submission_claims" USING btree ("org_id","claim_id");--> statement-breakpoint
CREATE INDEX "submission_claims_org_id_patient_control_number_index" ON "submission_claims" USING btree ("org_id","patient_control_number");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_org_id_interchange_control_number_index" ON "submissions" USING btree ("org_id","interchange_control_number");--> statement-breakpoint
CREATE INDEX "submissions_org_id_updated_at_id_index" ON "submissions" USING btree ("org_id","updated_at","id");