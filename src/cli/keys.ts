import { env } from '../env';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys';
import { openAppDatabase } from '../services/bootstrap';

const usage = `usage:
  npm run keys -- create --role editor|reader [--name NAME]
  npm run keys -- list
  npm run keys -- revoke ID`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'create' && command !== 'list' && command !== 'revoke') {
    console.error(usage);
    return 2;
  }
  const role = option(rest, '--role') ?? 'reader';
  if (command === 'create' && role !== 'editor' && role !== 'reader') {
    console.error(`--role: must be editor or reader (got "${role}")\n${usage}`);
    return 2;
  }
  const id = Number(rest[0]);
  if (command === 'revoke' && !Number.isSafeInteger(id)) {
    console.error(`revoke: give the key's numeric ID (see "list")\n${usage}`);
    return 2;
  }
  const database = await openAppDatabase(env(), (m) => console.error(m));
  try {
    if (command === 'create') {
      const key = await createApiKey(
        database.db,
        option(rest, '--name') ?? `${role} key`,
        role as 'editor' | 'reader',
      );
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
