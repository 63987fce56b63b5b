CREATE TABLE "claim_history" (
	"org_id" text NOT NULL,
	"id" bigserial NOT NULL,
	"claim_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"request_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_history_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "claim_lines" (
	"org_id" text NOT NULL,
	"claim_id" text NOT NULL,
	"line_number" integer NOT NULL,
	"control_number" text NOT NULL,
	"code" text NOT NULL,
	"modifiers" text[] NOT NULL,
	"units" numeric(12, 3) NOT NULL,
	"charge_cents" bigint NOT NULL,
	"diagnosis_pointers" integer[] NOT NULL,
	"date_of_service" date NOT NULL,
	"ndc" text,
	CONSTRAINT "claim_lines_org_id_claim_id_line_number_pk" PRIMARY KEY("org_id","claim_id","line_number")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"encounter_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"coverage_id" text NOT NULL,
	"payer_id" text NOT NULL,
	"billing_provider_id" text NOT NULL,
	"status" text NOT NULL,
	"patient_control_number" text NOT NULL,
	"frequency_code" text DEFAULT '1' NOT NULL,
	"date_of_service" date NOT NULL,
	"date_of_service_to" date NOT NULL,
	"place_of_service" text NOT NULL,
	"diagnoses" jsonb NOT NULL,
	"total_charge_cents" bigint NOT NULL,
	"filing_deadline" date NOT NULL,
	"issues" jsonb NOT NULL,
	"code_fingerprint" text[] NOT NULL,
	"payer_claim_number" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "encounters" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"external_id" text,
	"body_hash" text NOT NULL,
	"patient_id" text NOT NULL,
	"billing_provider_id" text NOT NULL,
	"rendering_provider_id" text,
	"referring_provider_id" text,
	"facility_id" text,
	"date_of_service" date NOT NULL,
	"place_of_service" text NOT NULL,
	"prior_authorization" text,
	"diagnoses" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"self_pay" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "encounters_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"tx_id" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "claim_history" ADD CONSTRAINT "claim_history_org_id_claim_id_claims_org_id_id_fk" FOREIGN KEY ("org_id","claim_id") REFERENCES "public"."claims"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_org_id_claim_id_claims_org_id_id_fk" FOREIGN KEY ("org_id","claim_id") REFERENCES "public"."claims"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_org_id_encounter_id_encounters_org_id_id_fk" FOREIGN KEY ("org_id","encounter_id") REFERENCES "public"."encounters"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_org_id_coverage_id_coverages_org_id_id_fk" FOREIGN KEY ("org_id","coverage_id") REFERENCES "public"."coverages"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_org_id_payer_id_payers_org_id_id_fk" FOREIGN KEY ("org_id","payer_id") REFERENCES "public"."payers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_org_id_patient_id_patients_org_id_id_fk" FOREIGN KEY ("org_id","patient_id") REFERENCES "public"."patients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_org_id_billing_provider_id_providers_org_id_id_fk" FOREIGN KEY ("org_id","billing_provider_id") REFERENCES "public"."providers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_history_org_id_claim_id_id_index" ON "claim_history" USING btree ("org_id","claim_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_org_id_patient_control_number_index" ON "claims" USING btree ("org_id","patient_control_number");--> statement-breakpoint
CREATE INDEX "claims_org_id_updated_at_id_index" ON "claims" USING btree ("org_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "claims_org_id_status_updated_at_index" ON "claims" USING btree ("org_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "claims_org_id_patient_id_date_of_service_index" ON "claims" USING btree ("org_id","patient_id","date_of_service");--> statement-breakpoint
CREATE INDEX "claims_org_id_encounter_id_index" ON "claims" USING btree ("org_id","encounter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "encounters_org_id_external_id_index" ON "encounters" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "encounters_org_id_updated_at_id_index" ON "encounters" USING btree ("org_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "events_org_id_tx_id_seq_index" ON "events" USING btree ("org_id","tx_id","seq");