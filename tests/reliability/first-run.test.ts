import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { Database } from '../../src/db/client';
import { articles } from '../../src/db/schema';
import { parseEnv } from '../../src/env';
import { findApiKey, importPendingApiKeys, queueApiKey } from '../../src/services/api-keys';
import { openAppDatabase } from '../../src/services/bootstrap';
import { quietlyRetrying } from '../../src/services/quote-events';
import { openTestDatabase, testDriver } from '../support/database';
import { withDatabase } from '../support/paths';

const root = fileURLToPath(new URL('../..', import.meta.url));
const onServer = testDriver === 'postgres' ? test : test.skip;
const onPglite = testDriver === 'pglite' ? test : test.skip;

/** Runs a TypeScript entry point of the repo the way npm scripts do (tsx); resolves its exit and output. */
function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, LOAD_EXAMPLES: 'false', ...env },
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c;
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c;
  });
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  );
}

let database: Database & { url?: string };

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(() => database.close());

test('a database that cannot be reached is named with the cause and the setting to fix', async () => {
  const config = parseEnv({ DATABASE_URL: 'postgres://quotegraph@127.0.0.1:1/quotegraph' });
  await expect(openAppDatabase(config, () => {})).rejects.toThrow(
    /^Cannot use the Postgres database at postgres:\/\/quotegraph@127\.0\.0\.1:1\/quotegraph: no server answers there \(.*ECONNREFUSED.*\)\. Check DATABASE_URL\.$/,
  );
});

// npm test's tests of the data folder (tests/services/bootstrap.test.ts) start from a migrated copy
onPglite(
  'a first start creates the embedded database in a new data folder and applies the migrations',
  async () => {
    const parent = mkdtempSync(join(tmpdir(), 'quotegraph-first-'));
    const dataDir = join(parent, 'data');
    const log: string[] = [];
    try {
      const database = await openAppDatabase(parseEnv({ DATA_DIR: dataDir }), (line) => log.push(line));
      try {
        expect(log).toEqual([
          `Creating the embedded database (PGlite) in ${dataDir}: the first start takes from ten seconds to a minute…`,
          'Applying migrations…',
        ]);
        expect(await database.db.select({ n: count() }).from(articles)).toEqual([{ n: 0 }]);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  },
  600_000,
);

onServer('a missing database and an unknown user are named too', async () => {
  const url = process.env.TEST_DATABASE_URL ?? '';
  const missing = parseEnv({ DATABASE_URL: withDatabase(url, 'quotegraph_no_such_database') });
  await expect(openAppDatabase(missing, () => {})).rejects.toThrow(
    /database "quotegraph_no_such_database" does not exist\. Check DATABASE_URL\.$/,
  );
  const stranger = new URL(url);
  stranger.username = 'quotegraph_no_such_user';
  await expect(openAppDatabase(parseEnv({ DATABASE_URL: stranger.toString() }), () => {})).rejects.toThrow(
    /quotegraph_no_such_user.*Check DATABASE_URL\.$/,
  );
});

onServer('a busy port stops the server with one clear line and exit code 1', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as { port: number }).port;
  try {
    const { code, output } = await run(['src/server.ts'], {
      DATABASE_URL: database.url ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    expect(code).toBe(1);
    expect(output).toContain(
      `Port ${port} on 127.0.0.1 is already in use (another Quotegraph?): stop that process or set PORT.`,
    );
    expect(output).not.toMatch(/\n\s+at /);
  } finally {
    holder.close();
  }
});

test('a Redis outage is logged once, however often the client retries', async () => {
  const logged: string[] = [];
  const client = quietlyRetrying(new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1 }), (m) =>
    logged.push(m),
  );
  let errors = 0;
  await new Promise<void>((resolve) =>
    client.on('error', () => {
      if (++errors === 3) resolve();
    }),
  );
  client.disconnect();
  expect(logged).toEqual([expect.stringMatching(/^Redis unavailable \(.*\); retrying quietly$/)]);
});

test('keys create --role without a value is refused', async () => {
  const { code, output } = await run(['src/cli/keys.ts', 'create', '--role']);
  expect(code).toBe(2);
  expect(output).toMatch(/^--role: needs a value\n/);
});

test('a key created while the server holds the embedded database is stored by the server and works', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'quotegraph-keys-'));
  const { key } = await queueApiKey(dataDir, 'late editor', 'editor');
  expect(await findApiKey(database.db, key)).toBeNull();
  expect(await importPendingApiKeys(database.db, dataDir)).toEqual([
    expect.objectContaining({ name: 'late editor', role: 'editor' }),
  ]);
  expect(await findApiKey(database.db, key)).toEqual(expect.objectContaining({ role: 'editor' }));
  expect(await importPendingApiKeys(database.db, dataDir)).toEqual([]);
});
