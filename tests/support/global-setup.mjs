// jest runs globalSetup outside its ESM transform; tsx loads the TypeScript that does the work.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { prepareTestDatabases } = await tsImport('./prepare-databases.ts', import.meta.url);
  await prepareTestDatabases();
}
