// A worker thread of the extraction pool. Plain JavaScript so that it starts the same way under
// tsx (npm start, the CLI) and under jest; tsx's scoped import loads the TypeScript task.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { runTask, warmUp } = await tsImport('./extraction-task.ts', import.meta.url);
warmUp();
parentPort.on('message', (input) => parentPort.postMessage(runTask(input)));
parentPort.postMessage({ ready: true });
