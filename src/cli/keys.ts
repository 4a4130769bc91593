import { env } from '../env';
import { type ApiKeyRole, createApiKey, listApiKeys, queueApiKey, revokeApiKey } from '../services/api-keys';
import { dataDirOwner, openAppDatabase } from '../services/bootstrap';
import { runCommand } from './run-command';

const usage = `usage:
  npm run keys -- create --role editor|reader [--name NAME]
  npm run keys -- list
  npm run keys -- revoke ID`;

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name}: needs a value`);
  return value;
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'create' && command !== 'list' && command !== 'revoke') {
    console.error(usage);
    return 2;
  }
  let role: string;
  let name: string | undefined;
  try {
    role = option(rest, '--role') ?? 'reader';
    name = option(rest, '--name');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${usage}`);
    return 2;
  }
  if (command === 'create' && role !== 'editor' && role !== 'reader') {
    console.error(`--role: must be editor or reader (got "${role}")\n${usage}`);
    return 2;
  }
  const id = Number(rest[0]);
  if (command === 'revoke' && !Number.isSafeInteger(id)) {
    console.error(`revoke: give the key's numeric ID (see "list")\n${usage}`);
    return 2;
  }
  const config = env();
  const owner = config.DATABASE_URL ? null : dataDirOwner(config.DATA_DIR);
  if (command === 'create' && owner !== null) {
    // the running server holds the embedded database: it stores the key within a few seconds
    const { key } = await queueApiKey(config.DATA_DIR, name ?? `${role} key`, role as ApiKeyRole);
    console.error(
      `Created an API key (${role}); the running server (pid ${owner}) stores it within seconds. ` +
        'It is shown once; send it as "Authorization: Bearer <key>":',
    );
    console.log(key);
    return 0;
  }
  const database = await openAppDatabase(config, (m) => console.error(m));
  try {
    if (command === 'create') {
      const key = await createApiKey(database.db, name ?? `${role} key`, role as 'editor' | 'reader');
      console.error(
        `Created API key ${key.id} (${key.role}). It is shown once; send it as "Authorization: Bearer <key>":`,
      );
      console.log(key.key);
    } else if (command === 'list') {
      for (const k of await listApiKeys(database.db)) {
        console.log(
          `${k.id}\t${k.role}\t${k.name}\t${k.createdAt.toISOString()}${k.revokedAt ? '\trevoked' : ''}`,
        );
      }
    } else {
      const revoked = await revokeApiKey(database.db, id);
      console.log(revoked ? `Revoked key ${id}.` : `No active key with ID ${id}.`);
      if (!revoked) return 1;
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(main);
