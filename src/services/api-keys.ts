import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys } from '../db/schema';
import { sha256 } from './normalize';

export type ApiKeyRole = (typeof apiKeys.$inferSelect)['role'];
export type ApiKey = Pick<typeof apiKeys.$inferSelect, 'id' | 'name' | 'role'>;

const newKey = () => `qg_${randomBytes(24).toString('base64url')}`;

/** Only the hash is stored: the key itself is shown once, when it is created. */
export async function createApiKey(
  db: Db,
  name: string,
  role: ApiKeyRole,
): Promise<ApiKey & { key: string }> {
  const key = newKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ name, role, keyHash: sha256(key) })
    .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role });
  if (!row) throw new Error('the API key was not stored');
  return { ...row, key };
}

export async function findApiKey(db: Db, key: string): Promise<ApiKey | null> {
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

export async function listApiKeys(db: Db) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      role: apiKeys.role,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(apiKeys.id);
}

export async function revokeApiKey(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/**
 * The embedded database belongs to the running server, so `keys create` leaves a new key's hash in
 * this folder of DATA_DIR and the server stores it (watchPendingApiKeys). Only the hash is written.
 */
const pendingFolder = (dataDir: string) => join(dataDir, 'pending-api-keys');

export async function queueApiKey(dataDir: string, name: string, role: ApiKeyRole): Promise<{ key: string }> {
  const key = newKey();
  const folder = pendingFolder(dataDir);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, `${randomBytes(8).toString('hex')}.json`);
  // written aside and renamed, so that the server never reads half a file
  await writeFile(`${file}.tmp`, JSON.stringify({ name, role, keyHash: sha256(key) }), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  return { key };
}

export async function importPendingApiKeys(db: Db, dataDir: string): Promise<ApiKey[]> {
  const folder = pendingFolder(dataDir);
  const files = (await readdir(folder).catch(() => [])).filter((f) => f.endsWith('.json'));
  const imported: ApiKey[] = [];
  for (const file of files) {
    const path = join(folder, file);
    const { name, role, keyHash } = JSON.parse(await readFile(path, 'utf8')) as {
      name: string;
      role: ApiKeyRole;
      keyHash: string;
    };
    const [row] = await db
      .insert(apiKeys)
      .values({ name, role, keyHash })
      .onConflictDoNothing()
      .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role });
    await rm(path, { force: true });
    if (row) imported.push(row);
  }
  return imported;
}

/** Stores the keys `keys create` queued while this server holds the embedded database, every 2 s. */
export function watchPendingApiKeys(db: Db, dataDir: string, log: (message: string) => void): NodeJS.Timeout {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    importPendingApiKeys(db, dataDir)
      .then((keys) => {
        for (const k of keys) log(`Stored API key ${k.id} (${k.role}) created by "keys create".`);
      })
      .catch((error: unknown) => log(`pending API keys: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        busy = false;
      });
  }, 2000);
  timer.unref();
  return timer;
}
