import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/client';
import { parseEnv } from '../../src/env';
import { openAppDatabase } from '../../src/services/bootstrap';
import { migratedDump } from '../support/database';

const dataDir = mkdtempSync(join(tmpdir(), 'quotegraph-lock-'));
const env = parseEnv({ DATA_DIR: dataDir });
const silent = () => {};

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('a data folder another live process holds is refused with a message saying what to do', async () => {
  mkdirSync(dataDir, { recursive: true });
  // the jest parent process stands in for a running server
  writeFileSync(join(dataDir, 'quotegraph.lock'), String(process.ppid));
  await expect(openAppDatabase(env, silent)).rejects.toThrow(
    `The embedded database in ${dataDir} is in use by another Quotegraph process (pid ${process.ppid})`,
  );
});

test("a dead process's lock is taken over, and closing releases it", async () => {
  // the folder starts migrated, from the suite's dump: what is tested is the lock, and initdb with
  // the migrations on a data folder took over the 3-minute test limit on a machine at load 19
  await (await openDatabase({ dataDir, loadDataDir: migratedDump() })).close();
  writeFileSync(join(dataDir, 'quotegraph.lock'), '2147483646');
  const database = await openAppDatabase(env, silent);
  expect(readFileSync(join(dataDir, 'quotegraph.lock'), 'utf8')).toBe(String(process.pid));
  await database.close();
  expect(() => readFileSync(join(dataDir, 'quotegraph.lock'))).toThrow();
});
