ALTER TABLE "organizations" ADD COLUMN "time_zone" text DEFAULT 'America/New_York' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "rendering_provider_id" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "referring_provider_id" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "facility_id" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "prior_authorization" text;--> statement-breakpoint
ALTER TABLE "claim_history" ADD CONSTRAINT "claim_history_from_status_known" CHECK ("claim_history"."from_status" in ('needs_attention', 'ready', 'on_hold', 'submitted', 'accepted', 'rejected', 'paid', 'partially_paid', 'denied', 'appealed', 'reversed', 'replaced', 'void', 'closed'));--> statement-breakpoint
ALTER TABLE "claim_history" ADD CONSTRAINT "claim_history_to_status_known" CHECK ("claim_history"."to_status" in ('needs_attention', 'ready', 'on_hold', 'submitted', 'accepted', 'rejected', 'paid', 'partially_paid', 'denied', 'appealed', 'reversed', 'replaced', 'void', 'closed'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_status_known" CHECK ("claims"."status" in ('needs_attention', 'ready', 'on_hold', 'submitted', 'accepted', 'rejected', 'paid', 'partially_paid', 'denied', 'appealed', 'reversed', 'replaced', 'void', 'closed'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_frequency_code_known" CHECK ("claims"."frequency_code" in ('1', '7', '8'));