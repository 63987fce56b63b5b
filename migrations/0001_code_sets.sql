CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "code_releases" (
	"id" serial PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"label" text NOT NULL,
	"source" text NOT NULL,
	"effective_from" date NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"records" integer NOT NULL,
	"inserted" integer NOT NULL,
	"end_dated" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"imported_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "codes" (
	"system" text NOT NULL,
	"code_key" text NOT NULL,
	"code" text NOT NULL,
	"short_description" text NOT NULL,
	"long_description" text NOT NULL,
	"billable" boolean NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"release" text NOT NULL,
	"source" text NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', long_description || ' ' || short_description)) STORED,
	CONSTRAINT "codes_system_code_key_effective_from_pk" PRIMARY KEY("system","code_key","effective_from")
);
--> statement-breakpoint
CREATE TABLE "mue_limits" (
	"code" text NOT NULL,
	"max_units" integer NOT NULL,
	"adjudication_indicator" integer NOT NULL,
	"adjudication_text" text NOT NULL,
	"rationale" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"release" text NOT NULL,
	CONSTRAINT "mue_limits_code_effective_from_pk" PRIMARY KEY("code","effective_from")
);
--> statement-breakpoint
CREATE TABLE "ncci_ptp_edits" (
	"column1" text NOT NULL,
	"column2" text NOT NULL,
	"effective_from" date NOT NULL,
	"deleted_on" date,
	"modifier_indicator" text NOT NULL,
	"rationale" text NOT NULL,
	"before1996" boolean DEFAULT false NOT NULL,
	"release" text NOT NULL,
	CONSTRAINT "ncci_ptp_edits_column1_column2_effective_from_pk" PRIMARY KEY("column1","column2","effective_from")
);
--> statement-breakpoint
CREATE INDEX "codes_key_prefix_idx" ON "codes" USING btree ("system","code_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "codes_search_idx" ON "codes" USING gin ("search");--> statement-breakpoint
CREATE INDEX "codes_trgm_idx" ON "codes" USING gin ("long_description" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ncci_ptp_edits_column2_index" ON "ncci_ptp_edits" USING btree ("column2");