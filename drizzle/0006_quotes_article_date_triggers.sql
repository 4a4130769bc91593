-- quotes.article_date is the article's publishedAt, else its ingestedAt: set when a quote is
-- stored or moved, and followed when an article's dates change.
CREATE FUNCTION quotes_set_article_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.article_date := (SELECT coalesce(published_at, ingested_at) FROM articles WHERE id = NEW.article_id);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER quotes_article_date BEFORE INSERT OR UPDATE OF article_id ON quotes
  FOR EACH ROW EXECUTE FUNCTION quotes_set_article_date();--> statement-breakpoint
CREATE FUNCTION articles_follow_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE quotes SET article_date = coalesce(NEW.published_at, NEW.ingested_at)
  WHERE article_id = NEW.id AND article_date IS DISTINCT FROM coalesce(NEW.published_at, NEW.ingested_at);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER articles_follow_date AFTER UPDATE OF published_at, ingested_at ON articles
  FOR EACH ROW EXECUTE FUNCTION articles_follow_date();--> statement-breakpoint
UPDATE quotes SET article_date = coalesce(a.published_at, a.ingested_at) FROM articles a WHERE a.id = quotes.article_id;
