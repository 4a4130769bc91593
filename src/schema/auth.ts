import { GraphQLError } from 'graphql';
import type { Context } from '../context';
import type { ApiKey } from '../services/api-keys';

export async function requireEditor(ctx: Context): Promise<ApiKey> {
  if (!ctx.sentApiKey) {
    throw new GraphQLError(
      'This mutation needs an API key with the editor role: send "Authorization: Bearer <key>".',
      {
        extensions: { code: 'UNAUTHENTICATED' },
      },
    );
  }
  const key = await ctx.apiKey();
  if (!key) {
    throw new GraphQLError('The API key is not valid (unknown or revoked).', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  if (key.role !== 'editor') {
    throw new GraphQLError(
      `This mutation needs the editor role; the API key "${key.name}" is a ${key.role}.`,
      {
        extensions: { code: 'FORBIDDEN' },
      },
    );
  }
  return key;
}
