-- quote_shingles.quote_id has no foreign key (0008: its check on each of the thousands of rows a
-- batch stores was a third of the insert); a deleted quote's shingles go with it here instead, as the
-- foreign key's ON DELETE CASCADE did, deletes cascaded from articles included.
CREATE FUNCTION quote_shingles_delete_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM quote_shingles s USING gone WHERE s.quote_id = gone.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER quote_shingles_follow_deleted_quotes AFTER DELETE ON quotes
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION quote_shingles_delete_gone();--> statement-breakpoint
DELETE FROM quote_shingles s WHERE NOT EXISTS (SELECT 1 FROM quotes q WHERE q.id = s.quote_id);
