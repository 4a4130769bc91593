import { existsSync, renameSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { openTestPglite } from './database';
import { pgliteDumpPath, templateDatabase, testDatabasePrefix, withDatabase } from './paths';

// initdb and the migrations run once per change of the migrations, not once per test file:
// PGlite tests start from a dump of a migrated database, server tests from a template database.
export async function prepareTestDatabases(): Promise<void> {
  // jest starts its workers after the global setup: they inherit the run's id from here
  process.env.QUOTEGRAPH_TEST_RUN ??= `${process.pid.toString(36)}_${Date.now().toString(36)}`;
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

/**
 * Drops the server databases this run made. A test file used to drop its own on close, and `drop
 * database` waits for a checkpoint: 2-4 s a file on a busy server, in which that jest worker did
 * nothing. Dropped together, concurrent drops share their checkpoints.
 */
export async function dropTestDatabases(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  const run = process.env.QUOTEGRAPH_TEST_RUN;
  if (!url || !run) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let names: string[];
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [testDatabasePrefix(run)],
    );
    names = rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
  // a few connections at a time: the server is shared with other runs
  const pending = [...names];
  const dropper = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (let name = pending.pop(); name; name = pending.pop())
        await client.query(`drop database if exists ${name} with (force)`);
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, names.length) }, dropper));
}
