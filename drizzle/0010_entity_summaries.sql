CREATE TABLE "entity_co_mentions" (
	"entity_id" integer NOT NULL,
	"other_id" integer NOT NULL,
	"articles" integer NOT NULL,
	CONSTRAINT "entity_co_mentions_entity_id_other_id_pk" PRIMARY KEY("entity_id","other_id")
);
--> statement-breakpoint
CREATE TABLE "entity_days" (
	"entity_id" integer NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"mentions" integer DEFAULT 0 NOT NULL,
	"articles" integer DEFAULT 0 NOT NULL,
	"quotes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "entity_days_entity_id_day_pk" PRIMARY KEY("entity_id","day")
);
--> statement-breakpoint
CREATE TABLE "entity_outlets" (
	"entity_id" integer NOT NULL,
	"outlet_id" integer NOT NULL,
	"articles" integer NOT NULL,
	CONSTRAINT "entity_outlets_entity_id_outlet_id_pk" PRIMARY KEY("entity_id","outlet_id")
);
--> statement-breakpoint
CREATE TABLE "entity_summaries" (
	"entity_id" integer PRIMARY KEY NOT NULL,
	"mention_count" integer DEFAULT 0 NOT NULL,
	"article_count" integer DEFAULT 0 NOT NULL,
	"quote_count" integer DEFAULT 0 NOT NULL,
	"quotes_about_count" integer DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "entity_co_mentions_entity_id_articles_idx" ON "entity_co_mentions" USING btree ("entity_id","articles" DESC NULLS LAST,"other_id");--> statement-breakpoint
CREATE INDEX "entity_outlets_outlet_id_idx" ON "entity_outlets" USING btree ("outlet_id");