import { writeFileSync } from 'node:fs';
import { schemaFile, schemaSdl } from '../schema/sdl';

writeFileSync(schemaFile, schemaSdl());
console.log(`wrote ${schemaFile}`);
