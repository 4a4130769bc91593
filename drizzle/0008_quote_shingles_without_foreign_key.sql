ALTER TABLE "quote_shingles" DROP CONSTRAINT "quote_shingles_quote_id_quotes_id_fk";
