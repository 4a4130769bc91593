import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFolder } from '../../src/db/migrate';

/** Keyed by the migrations' content, so a changed migration gets a fresh migrated copy. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json'))
      hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

const key = migrationsHash();
/** An uncompressed tar of a checkpointed data folder (prepare-databases.ts); v2 names that format. */
export const pgliteDumpPath = join(tmpdir(), `quotegraph-test-pglite-${key}-v2.tar`);
export const templateDatabase = `quotegraph_template_${key}`;

/** Server databases of one jest run (QUOTEGRAPH_TEST_RUN, set by the global setup) start with this. */
export function testDatabasePrefix(run: string): string {
  return `quotegraph_test_run_${run}_`;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
