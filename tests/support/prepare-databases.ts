import { existsSync, renameSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { openTestPglite } from './database';
import { pgliteDumpPath, templateDatabase, withDatabase } from './paths';

// initdb and the migrations run once per change of the migrations, not once per test file:
// PGlite tests start from a dump of a migrated database, server tests from a template database.
export async function prepareTestDatabases(): Promise<void> {
  if (!existsSync(pgliteDumpPath)) {
    const database = await openTestPglite();
    await migrate(database);
    // A dump is taken from a running database, so every load of it starts with crash recovery:
    // after a checkpoint that replays a few bytes of WAL instead of the migrations' 1.6 MB.
    // Uncompressed, since gunzipping it took each test file longer than reading 40 MB.
    await database.client.exec('CHECKPOINT');
    const dump = await database.client.dumpDataDir('none');
    // written aside and renamed, so a concurrent run never loads a half-written dump
    const partial = `${pgliteDumpPath}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, pgliteDumpPath);
    await database.close();
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url) await ensureTemplate(url);
}

async function ensureTemplate(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Concurrent runs (other checkouts, other migration sets) share the server: each builds its
    // template under a lock and never drops a database it did not create.
    await admin.query('select pg_advisory_lock(hashtext($1))', [templateDatabase]);
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [
      templateDatabase,
    ]);
    if (rowCount) return;
    const building = `${templateDatabase}_building_${process.pid}`;
    await admin.query(`create database ${building}`);
    const database = await openDatabase({ url: withDatabase(url, building), poolSize: 1 });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    await admin.query(`alter database ${building} rename to ${templateDatabase}`);
  } finally {
    await admin.end();
  }
}
