// The server databases of the run, dropped together (prepare-databases.ts says why).
import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const { dropTestDatabases } = await tsImport('./prepare-databases.ts', import.meta.url);
  await dropTestDatabases();
}
