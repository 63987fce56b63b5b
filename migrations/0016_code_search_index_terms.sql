CREATE TABLE "code_search_words" (
	"system" text NOT NULL,
	"word" text NOT NULL,
	"docs" integer NOT NULL,
	CONSTRAINT "code_search_words_system_word_pk" PRIMARY KEY("system","word")
);
--> statement-breakpoint
CREATE TABLE "icd10cm_index_terms" (
	"id" integer PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"words" text NOT NULL,
	"modifiers" text NOT NULL,
	"index_code" text NOT NULL,
	"partial" boolean NOT NULL,
	"via" text,
	"code_key" text,
	"release" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', words || ' ' || modifiers)) STORED,
	"essential" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', words)) STORED
);
--> statement-breakpoint
CREATE INDEX "code_search_words_trgm_idx" ON "code_search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "icd10cm_index_terms_search_idx" ON "icd10cm_index_terms" USING gin ("search");--> statement-breakpoint
CREATE INDEX "icd10cm_index_terms_code_key_index" ON "icd10cm_index_terms" USING btree ("code_key");--> statement-breakpoint
-- A database that already holds code sets gets its word lists now (imports rebuild them from then on).
INSERT INTO "code_search_words" ("system", "word", "docs")
SELECT system, word, count(*)::int FROM (
  SELECT DISTINCT system, code_key, regexp_split_to_table(lower(long_description), '[^a-z]+') AS word FROM "codes"
) AS w
WHERE length(word) >= 3
GROUP BY system, word;
