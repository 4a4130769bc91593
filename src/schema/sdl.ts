import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index';

export const schemaFile = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

export function schemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
