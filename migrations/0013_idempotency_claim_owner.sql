ALTER TABLE "idempotency_keys" ADD COLUMN "owner_lock" integer;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "claim_token" text;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "locked_until" timestamp (3) with time zone;