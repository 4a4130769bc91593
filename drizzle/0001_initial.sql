CREATE TYPE "public"."alias_source" AS ENUM('extracted', 'editor');--> statement-breakpoint
CREATE TYPE "public"."api_key_role" AS ENUM('reader', 'editor');--> statement-breakpoint
CREATE TYPE "public"."entity_kind" AS ENUM('person', 'organization', 'place');--> statement-breakpoint
CREATE TYPE "public"."quote_kind" AS ENUM('direct', 'partial', 'indirect');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"role" "api_key_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "articles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"url" text,
	"content_hash" text NOT NULL,
	"title" text NOT NULL,
	"subtitle" text,
	"byline" text,
	"authors" text[] DEFAULT '{}'::text[] NOT NULL,
	"outlet_id" integer,
	"published_at" timestamp with time zone,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"body" text NOT NULL,
	"paragraphs" jsonb NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(subtitle, '')), 'B') || setweight(to_tsvector('english', body), 'C')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"action" text NOT NULL,
	"api_key_id" integer,
	"actor" text NOT NULL,
	"entity_id" integer,
	"quote_id" integer,
	"article_id" integer,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "entity_kind" NOT NULL,
	"name" text NOT NULL,
	"normalized_name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"wikidata_id" text,
	"merged_into_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entity_aliases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entity_aliases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"entity_id" integer NOT NULL,
	"alias" text NOT NULL,
	"normalized_alias" text NOT NULL,
	"source" "alias_source" DEFAULT 'extracted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mentions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"article_id" integer NOT NULL,
	"entity_id" integer NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quote_about" (
	"quote_id" integer NOT NULL,
	"entity_id" integer NOT NULL,
	CONSTRAINT "quote_about_quote_id_entity_id_pk" PRIMARY KEY("quote_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "quote_echoes" (
	"quote_id" integer NOT NULL,
	"echo_id" integer NOT NULL,
	"similarity" real NOT NULL,
	"exact" boolean NOT NULL,
	"fragment" boolean NOT NULL,
	CONSTRAINT "quote_echoes_quote_id_echo_id_pk" PRIMARY KEY("quote_id","echo_id")
);
--> statement-breakpoint
CREATE TABLE "quote_shingles" (
	"hash" bigint NOT NULL,
	"quote_id" integer NOT NULL,
	CONSTRAINT "quote_shingles_hash_quote_id_pk" PRIMARY KEY("hash","quote_id")
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quotes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"article_id" integer NOT NULL,
	"speaker_id" integer,
	"speaker_text" text,
	"speaker_mention_start" integer,
	"speaker_mention_end" integer,
	"kind" "quote_kind" NOT NULL,
	"text" text NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"cue" text,
	"confidence" real NOT NULL,
	"normalized_text" text NOT NULL,
	"normalized_hash" text NOT NULL,
	"attribution_edited" boolean DEFAULT false NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', text)) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"title" text NOT NULL,
	"organization_id" integer,
	"place_id" integer,
	"article_id" integer NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_outlet_id_entities_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edits" ADD CONSTRAINT "edits_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edits" ADD CONSTRAINT "edits_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edits" ADD CONSTRAINT "edits_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edits" ADD CONSTRAINT "edits_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_merged_into_id_entities_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_aliases" ADD CONSTRAINT "entity_aliases_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_about" ADD CONSTRAINT "quote_about_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_about" ADD CONSTRAINT "quote_about_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_echoes" ADD CONSTRAINT "quote_echoes_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_echoes" ADD CONSTRAINT "quote_echoes_echo_id_quotes_id_fk" FOREIGN KEY ("echo_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_shingles" ADD CONSTRAINT "quote_shingles_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_speaker_id_entities_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_person_id_entities_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_organization_id_entities_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_place_id_entities_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_slug_key" ON "articles" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_url_key" ON "articles" USING btree ("url");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_content_hash_key" ON "articles" USING btree ("content_hash");--> statement-breakpoint
CREATE INDEX "articles_outlet_id_idx" ON "articles" USING btree ("outlet_id");--> statement-breakpoint
CREATE INDEX "articles_published_at_idx" ON "articles" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "articles_search_vector_idx" ON "articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "edits_api_key_id_idx" ON "edits" USING btree ("api_key_id");--> statement-breakpoint
CREATE INDEX "edits_entity_id_idx" ON "edits" USING btree ("entity_id","id");--> statement-breakpoint
CREATE INDEX "edits_quote_id_idx" ON "edits" USING btree ("quote_id","id");--> statement-breakpoint
CREATE INDEX "edits_article_id_idx" ON "edits" USING btree ("article_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entities_slug_key" ON "entities" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "entities_kind_idx" ON "entities" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "entities_normalized_name_idx" ON "entities" USING btree ("normalized_name");--> statement-breakpoint
CREATE INDEX "entities_merged_into_id_idx" ON "entities" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "entities_normalized_name_trgm_idx" ON "entities" USING gin ("normalized_name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "entity_aliases_entity_id_normalized_alias_key" ON "entity_aliases" USING btree ("entity_id","normalized_alias");--> statement-breakpoint
CREATE INDEX "entity_aliases_normalized_alias_idx" ON "entity_aliases" USING btree ("normalized_alias");--> statement-breakpoint
CREATE INDEX "entity_aliases_normalized_alias_trgm_idx" ON "entity_aliases" USING gin ("normalized_alias" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "mentions_article_id_idx" ON "mentions" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "mentions_entity_id_article_id_idx" ON "mentions" USING btree ("entity_id","article_id");--> statement-breakpoint
CREATE INDEX "quote_about_entity_id_idx" ON "quote_about" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "quote_echoes_echo_id_idx" ON "quote_echoes" USING btree ("echo_id");--> statement-breakpoint
CREATE INDEX "quote_shingles_quote_id_idx" ON "quote_shingles" USING btree ("quote_id");--> statement-breakpoint
CREATE INDEX "quotes_article_id_idx" ON "quotes" USING btree ("article_id","start");--> statement-breakpoint
CREATE INDEX "quotes_speaker_id_idx" ON "quotes" USING btree ("speaker_id","id");--> statement-breakpoint
CREATE INDEX "quotes_kind_idx" ON "quotes" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "quotes_normalized_hash_idx" ON "quotes" USING btree ("normalized_hash");--> statement-breakpoint
CREATE INDEX "quotes_normalized_text_trgm_idx" ON "quotes" USING gist ("normalized_text" gist_trgm_ops(siglen=256));--> statement-breakpoint
CREATE INDEX "quotes_search_vector_idx" ON "quotes" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "roles_person_id_idx" ON "roles" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "roles_organization_id_idx" ON "roles" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "roles_place_id_idx" ON "roles" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "roles_article_id_idx" ON "roles" USING btree ("article_id");