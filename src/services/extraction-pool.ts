import { Worker } from 'node:worker_threads';
import { env } from '../env';
import { ArticleParseError } from '../ingest/parse-error';
import type { PreparedArticle, TaskReply } from './extraction-task';
import type { IngestInput } from './ingest';

/** The article at fault, not the server: reported like any unreadable article, and nothing is stored. */
export class ExtractionTimeoutError extends ArticleParseError {
  constructor(timeoutMs: number) {
    super(
      'content',
      `reading the article took longer than the ${timeoutMs} ms allowed (EXTRACTION_TIMEOUT_MS); nothing was stored`,
    );
  }
}

export interface ExtractionPoolOptions {
  /** Worker threads at most; each reads one article at a time. */
  size: number;
  /** How long one article may take, from the moment a worker starts on it. */
  timeoutMs: number;
  /** A worker's heap; an article needing more is refused. */
  maxMemoryMb?: number;
}

interface Task {
  input: IngestInput;
  resolve(prepared: PreparedArticle): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

const WORKER_URL = new URL('./extraction-worker.mjs', import.meta.url);

/**
 * Parsing and extraction on worker threads, so that a long article never holds up the event loop
 * (other requests keep being answered), each under a time budget: a worker that runs over is
 * terminated, which stops even a runaway regular expression, and replaced.
 */
export class ExtractionPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(private readonly options: ExtractionPoolOptions) {}

  prepare(input: IngestInput): Promise<PreparedArticle> {
    if (this.closed) return Promise.reject(new Error('the extraction pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the extraction pool is closed'));
    await Promise.all(
      [...this.slots].map((slot) => this.discard(slot, new Error('the extraction pool is closed'))),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      const task = slot.ready && !slot.task ? this.queue.shift() : undefined;
      if (task) this.start(slot, task);
    }
    const starting = [...this.slots].filter((slot) => !slot.ready).length;
    for (let n = starting; n < this.queue.length && this.slots.size < this.options.size; n++) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(WORKER_URL, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb ?? 1024 },
    });
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    worker.on('message', (message: TaskReply | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
        worker.unref();
      } else {
        this.finish(slot, message);
      }
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const failure =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ArticleParseError('content', 'reading the article needs more memory than a worker may use')
          : error;
      void this.discard(slot, failure);
    });
    worker.on('exit', () => {
      void this.discard(slot, new Error('an extraction worker stopped'));
    });
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    slot.timer = setTimeout(
      () => void this.discard(slot, new ExtractionTimeoutError(this.options.timeoutMs)),
      this.options.timeoutMs,
    );
    slot.worker.postMessage(task.input);
  }

  private finish(slot: Slot, reply: TaskReply): void {
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.worker.unref();
    if (!task) return;
    if (reply.ok) task.resolve(reply.prepared);
    else if (reply.field !== undefined) task.reject(new ArticleParseError(reply.field, reply.problem));
    else task.reject(new Error(reply.message));
  }

  /** Ends a worker (after a timeout, a crash or on close), failing its article; the next is spawned on demand. */
  private async discard(slot: Slot, failure: Error): Promise<void> {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    slot.task?.reject(failure);
    slot.task = undefined;
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}

let shared: ExtractionPool | undefined;

/** The process's pool, sized by EXTRACTION_WORKERS and EXTRACTION_TIMEOUT_MS; workers start on first use. */
export function sharedExtractionPool(): ExtractionPool {
  const config = env();
  shared ??= new ExtractionPool({ size: config.EXTRACTION_WORKERS, timeoutMs: config.EXTRACTION_TIMEOUT_MS });
  return shared;
}
