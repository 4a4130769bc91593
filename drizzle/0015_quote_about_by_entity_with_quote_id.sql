DROP INDEX "quote_about_entity_id_idx";--> statement-breakpoint
CREATE INDEX "quote_about_entity_id_quote_id_idx" ON "quote_about" USING btree ("entity_id","quote_id");