CREATE TABLE "aoc_edits" (
	"id" serial PRIMARY KEY NOT NULL,
	"add_on_code" text NOT NULL,
	"primary_code" text,
	"edit_type" integer NOT NULL,
	"effective_from" date NOT NULL,
	"deleted_on" date,
	"add_on_deleted_on" date,
	"primary_deleted_on" date,
	"notes" text NOT NULL,
	"release" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "code_releases" ADD COLUMN "effective_to" date;--> statement-breakpoint
CREATE INDEX "aoc_edits_add_on_code_index" ON "aoc_edits" USING btree ("add_on_code");--> statement-breakpoint
-- ICD-10-CM releases loaded before this column existed end with their federal fiscal year (30 September).
UPDATE "code_releases" SET "effective_to" = make_date(extract(year from "effective_from")::int + (case when extract(month from "effective_from") >= 10 then 1 else 0 end), 9, 30) WHERE "source" = 'cms-icd10cm';
