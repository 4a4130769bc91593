const transform = { '^.+\\.ts$': ['ts-jest', { useESM: true }] };
const common = { testEnvironment: 'node', extensionsToTreatAsEsm: ['.ts'], transform };
const databaseTests = ['<rootDir>/tests/{api,db,services,cli}/**/*.test.ts'];

/**
 * Extraction tests run once; every test that touches a database runs on PGlite and, when
 * TEST_DATABASE_URL names a server, again on that server.
 */
/** @type {import('jest').Config} */
export default {
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  // generous: a CLI test spawns processes and a busy 2-core machine can take a minute for one;
  // a limit is there to stop a hang, not to measure speed
  testTimeout: 180000,
  projects: [
    { ...common, displayName: 'extraction', testMatch: ['<rootDir>/tests/{ingest,schema}/**/*.test.ts'] },
    { ...common, displayName: 'pglite', testMatch: databaseTests },
    ...(process.env.TEST_DATABASE_URL
      ? [
          {
            ...common,
            displayName: 'postgres',
            testMatch: databaseTests,
            setupFiles: ['<rootDir>/tests/support/use-postgres.cjs'],
          },
        ]
      : []),
  ],
};
