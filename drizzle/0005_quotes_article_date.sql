ALTER TABLE "quotes" ADD COLUMN "article_date" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "quotes_speaker_id_article_date_idx" ON "quotes" USING btree ("speaker_id","article_date" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "quotes_article_date_idx" ON "quotes" USING btree ("article_date","id");