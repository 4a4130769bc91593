import { readFileSync } from 'node:fs';
import { schemaFile, schemaSdl } from '../../src/schema/sdl';

test('the committed schema.graphql is the schema the code builds (run `npm run schema:print`)', () => {
  expect(readFileSync(schemaFile, 'utf8')).toBe(schemaSdl());
});
