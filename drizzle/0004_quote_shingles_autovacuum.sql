-- Ingest reads each new shingle's postings from quote_shingles' primary key (services/echoes.ts).
-- The read stays in the index only where the visibility map marks the pages all-visible, which
-- takes a vacuum; on an insert-only table autovacuum waits by default for 20% new rows, so a
-- growing table keeps a large unvacuumed tail and the probes read the heap. 1% keeps it small.
ALTER TABLE "quote_shingles" SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
