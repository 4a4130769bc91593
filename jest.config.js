const transform = { '^.+\\.ts$': ['ts-jest', { useESM: true }] };
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform,
  setupFiles: ['<rootDir>/tests/support/test-env.cjs'],
};
/** `npm run test:reliability` (QUOTEGRAPH_SUITE=reliability): the slow concurrency, crash and input-size tests. */
const reliability = process.env.QUOTEGRAPH_SUITE === 'reliability';
const databaseTests = reliability
  ? ['<rootDir>/tests/reliability/**/*.test.ts']
  : ['<rootDir>/tests/{api,db,services,cli,web}/**/*.test.ts'];

/**
 * Test files under the database folders that open no test database (a PGlite data folder of their
 * own, pure functions, in-memory events): the server project would only run them a second time.
 */
const noTestDatabase = [
  '<rootDir>/tests/services/bootstrap.test.ts',
  '<rootDir>/tests/services/quote-events.test.ts',
  '<rootDir>/tests/web/word-diff.test.ts',
];

/**
 * Extraction tests run once; every test that touches a database runs on PGlite and, when
 * TEST_DATABASE_URL names a server, again on that server. The browser tests (tests/browser) run
 * once, on PGlite: what they check is in the pages, which tests/web covers on both databases.
 */
/** @type {import('jest').Config} */
export default {
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
  // generous: a CLI test spawns processes and a busy 2-core machine can take a minute for one;
  // a limit is there to stop a hang, not to measure speed
  testTimeout: 180000,
  // every core: most test files wait on a database, and jest's default (cores - 1) is one worker here
  maxWorkers: '100%',
  // A worker holds no open handle after its last test file (--detectOpenHandles and async_hooks find
  // only its stdio), yet under load it took 0.1-2.7 s to leave its event loop after jest's end
  // message, with no JavaScript running (native V8 work after the PGlite test files): jest's default
  // of 0.5 s killed it and printed "A worker process has failed to exit gracefully".
  workerGracefulExitTimeout: 15000,
  projects: [
    ...(reliability
      ? []
      : [
          {
            ...common,
            displayName: 'extraction',
            testMatch: ['<rootDir>/tests/{ingest,schema}/**/*.test.ts'],
          },
        ]),
    {
      ...common,
      displayName: 'pglite',
      testMatch: reliability ? databaseTests : [...databaseTests, '<rootDir>/tests/browser/**/*.test.ts'],
    },
    ...(process.env.TEST_DATABASE_URL
      ? [
          {
            ...common,
            displayName: 'postgres',
            testMatch: databaseTests,
            testPathIgnorePatterns: ['/node_modules/', ...noTestDatabase],
            setupFiles: [...common.setupFiles, '<rootDir>/tests/support/use-postgres.cjs'],
          },
        ]
      : []),
  ],
};
