// Each test file pays for its own module load (src, the schema, drizzle, PGlite) and, when it
// ingests, for starting an extraction worker (~3 s of CPU: tsx, the models, a warm-up). Test files
// that are each small run as one: every part keeps its own database and its hooks, and they share
// that start-up. A part is an ordinary test file named *.part.ts.
import '../services/shingles.part';
import '../services/trigrams.part';
import './migrate.part';
import './quote-article-date.part';
