-- pg_trgm backs fuzzy name lookup and near-duplicate quote matching; unaccent makes name search accent-blind.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
