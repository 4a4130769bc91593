// Every test file, before its modules load. The extraction pool's time budget for one article
// (EXTRACTION_TIMEOUT_MS, 5 s in a server) guards a server against runaway input; on a test machine
// kept busy by other work a worker's first article can take longer than that, and the suite must not
// fail for it. The tests of the budget itself make pools with their own.
process.env.EXTRACTION_TIMEOUT_MS ??= '120000';
