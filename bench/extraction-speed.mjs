// npm run bench's extraction rounds on a worker thread that loads only the extraction code, as the
// service's extraction pool does (src/services/extraction-worker.mjs): the bench's own process also
// holds PGlite, the GraphQL server and their heap, which the service's extraction never shares.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { extract } = await tsImport('../src/ingest/extract.ts', import.meta.url);
const { texts, rounds, warmPasses } = workerData;
for (let i = 0; i < warmPasses; i++) for (const t of texts) extract(t);
const times = [];
const cpuTimes = [];
for (let i = 0; i < rounds; i++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (const t of texts) extract(t);
  const used = process.cpuUsage(cpu);
  times.push(performance.now() - start);
  cpuTimes.push((used.user + used.system) / 1000);
}
parentPort.postMessage({ times, cpuTimes });
