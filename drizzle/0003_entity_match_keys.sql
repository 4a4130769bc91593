ALTER TABLE "entities" ADD COLUMN "match_keys" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "link_confidence" real DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "entities_match_keys_idx" ON "entities" USING gin ("match_keys");