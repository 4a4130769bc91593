CREATE TABLE "quote_echoes" (
	"quote_id" integer NOT NULL,
	"echo_id" integer NOT NULL,
	"similarity" real NOT NULL,
	"exact" boolean NOT NULL,
	"fragment" boolean NOT NULL,
	CONSTRAINT "quote_echoes_quote_id_echo_id_pk" PRIMARY KEY("quote_id","echo_id")
);
--> statement-breakpoint
CREATE TABLE "quote_fragment_keys" (
	"key" text NOT NULL,
	"quote_id" integer NOT NULL,
	CONSTRAINT "quote_fragment_keys_key_quote_id_pk" PRIMARY KEY("key","quote_id")
);
--> statement-breakpoint
DROP INDEX "quotes_normalized_text_trgm_idx";--> statement-breakpoint
ALTER TABLE "quote_echoes" ADD CONSTRAINT "quote_echoes_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_echoes" ADD CONSTRAINT "quote_echoes_echo_id_quotes_id_fk" FOREIGN KEY ("echo_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_fragment_keys" ADD CONSTRAINT "quote_fragment_keys_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quote_echoes_echo_id_idx" ON "quote_echoes" USING btree ("echo_id");--> statement-breakpoint
CREATE INDEX "quote_fragment_keys_quote_id_idx" ON "quote_fragment_keys" USING btree ("quote_id");--> statement-breakpoint
CREATE INDEX "quotes_normalized_text_trgm_idx" ON "quotes" USING gist ("normalized_text" gist_trgm_ops(siglen=256));