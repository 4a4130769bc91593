import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys } from '../db/schema';
import { sha256 } from './normalize';

export type ApiKeyRole = (typeof apiKeys.$inferSelect)['role'];
export type ApiKey = Pick<typeof apiKeys.$inferSelect, 'id' | 'name' | 'role'>;

/** Only the hash is stored: the key itself is shown once, when it is created. */
export async function createApiKey(
  db: Db,
  name: string,
  role: ApiKeyRole,
): Promise<ApiKey & { key: string }> {
  const key = `qg_${randomBytes(24).toString('base64url')}`;
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
