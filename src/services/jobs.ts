import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Db } from '../db/client';
import type { Env } from '../env';
import { MAX_CONTENT_BYTES } from '../ingest/parse';
import { type IngestInput, type IngestOptions, type IngestResult, ingestBatch } from './ingest';

/** How long a finished job stays readable; pg-boss' own default is 7 days. */
export const KEEP_FINISHED_DAYS = 30;
/**
 * pg-boss archives a job that waited past its keep-until date without ever starting; a backlog must
 * never be dropped that way, so the date is put out of reach.
 */
const NEVER = new Date('9999-01-01T00:00:00Z');

/** The pg-boss queue that holds articles waiting to be ingested (its tables are in the `pgboss` schema). */
export const INGEST_QUEUE = 'ingest-article';

export interface JobQueueSettings {
  /** postgres:// URL of the database whose `pgboss` schema holds the queue (the app's own). */
  url: string;
  /** Tries per article before its job fails for good. */
  attempts: number;
  /** A job active this long is taken back and tried again: its worker died or hung. */
  timeoutSeconds: number;
  /** The wait before a failed try is repeated, doubled (with jitter) at each try; 5 when not given. */
  retryDelaySeconds?: number;
  /** How often a worker looks for timed-out jobs; only workers do it. */
  superviseSeconds: number;
  /** Connections of the queue's own pool. */
  connections?: number;
  onError?: (error: Error) => void;
}

/** The embedded database is a file one process holds: worker processes cannot share it. */
export class QueueUnavailableError extends Error {
  constructor(what: string) {
    super(
      `${what} needs a Postgres server (set DATABASE_URL): the job queue lives in Postgres and is drained by ` +
        '`npm run worker` processes, which cannot share the embedded database (PGlite) of this process. ' +
        'Store articles directly instead (`npm run ingest` without --queue, or the ingestArticle mutation).',
    );
    this.name = 'QueueUnavailableError';
  }
}

export function jobQueueSettings(env: Env, what: string): JobQueueSettings {
  if (!env.DATABASE_URL) throw new QueueUnavailableError(what);
  return {
    url: env.DATABASE_URL,
    attempts: env.JOB_ATTEMPTS,
    timeoutSeconds: env.JOB_TIMEOUT_SECONDS,
    superviseSeconds: env.JOB_SUPERVISE_SECONDS,
  };
}

export type IngestJobData = IngestInput & { source?: string };

export type IngestJobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface IngestJobView {
  id: string;
  state: IngestJobState;
  /** Tries started so far. */
  attempts: number;
  maxAttempts: number;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** The message of the last failure: while retrying, or the reason it failed for good. */
  error: string | null;
  articleId: number | null;
  status: IngestResult['status'] | null;
}

/** What a completed job keeps as its output; a failed one keeps `{ message }`. */
interface IngestJobOutput {
  status?: IngestResult['status'];
  articleId?: number;
  quotes?: number;
  message?: string;
  value?: { message?: string };
}

export type ArticleOutcome = { ok: true; result: IngestResult } | { ok: false; message: string };

/**
 * The one place where jobs reach the ingest service: a worker hands it every article of the batch it
 * fetched and gets one outcome per article, in order. The batch is extracted on every extraction
 * worker and stored in one transaction (ingestBatch); an article that fails, fails alone.
 */
export async function storeJobArticles(
  db: Db,
  inputs: IngestInput[],
  options: IngestOptions = {},
): Promise<ArticleOutcome[]> {
  const outcomes = await ingestBatch(db, inputs, options);
  return outcomes.map((outcome) =>
    outcome.status === 'failed'
      ? { ok: false, message: outcome.error.message }
      : { ok: true, result: outcome },
  );
}

export interface SettledJob {
  id: string;
  source: string | undefined;
  outcome: ArticleOutcome;
  /** Whether a failure is final (no tries left) or the job goes back to the queue. */
  final: boolean;
}

export interface WorkOptions {
  /** Jobs fetched and stored together. */
  batchSize: number;
  /** Batches in hand at once. */
  concurrency: number;
  pollingSeconds?: number;
  ingest?: IngestOptions;
  onSettled?: (jobs: SettledJob[]) => void;
}

export interface QueueCounts {
  /** Waiting for a first try or for a retry. */
  waiting: number;
  active: number;
  completed: number;
  failed: number;
}

export interface EnqueueProblem {
  index: number;
  field: 'content' | 'url';
  message: string;
}

/**
 * What can be told of an article without parsing it: parsing is the worker's (on the API's main
 * thread a pathological page could stall every request), so a malformed article is a failed job.
 */
export function enqueueProblems(articles: IngestInput[]): EnqueueProblem[] {
  return articles.flatMap((article, index): EnqueueProblem[] => {
    if (article.content.trim() === '') return [{ index, field: 'content', message: 'the article is empty' }];
    if (Buffer.byteLength(article.content) > MAX_CONTENT_BYTES) {
      return [{ index, field: 'content', message: 'the input is larger than 10 MB' }];
    }
    if (article.url !== undefined && !isHttpUrl(article.url)) {
      return [{ index, field: 'url', message: `"${article.url}" is not an http(s) URL` }];
    }
    return [];
  });
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isJobId(id: string): boolean {
  return UUID.test(id);
}

/**
 * The ingest queue on pg-boss. It connects on first use, so that a process that never enqueues
 * (an API on a server with no workers) opens no connection for it.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started: Promise<PgBoss> | undefined;

  constructor(
    private readonly settings: JobQueueSettings,
    role: 'client' | 'worker',
  ) {
    this.boss = new PgBoss({
      connectionString: settings.url,
      max: settings.connections ?? 2,
      application_name: `quotegraph-${role}`,
      // expiring timed-out jobs is a worker's chore; pg-boss lets one process at a time do it
      supervise: role === 'worker',
      maintenanceIntervalSeconds: settings.superviseSeconds,
      schedule: false,
      // finished jobs (completed or failed) stay readable by ingestJob(id) this long
      deleteAfterDays: KEEP_FINISHED_DAYS,
    });
    this.boss.on('error', settings.onError ?? ((error) => console.error(`job queue: ${error.message}`)));
  }

  private ready(): Promise<PgBoss> {
    this.started ??= (async () => {
      await this.boss.start();
      // the first process to start creates the queue; the others find it there
      await this.boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE });
      return this.boss;
    })().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  /** Puts the articles in the queue in one statement; their jobs, in order. */
  async enqueue(articles: IngestJobData[]): Promise<IngestJobView[]> {
    const boss = await this.ready();
    const createdAt = new Date();
    const jobs = articles.map(
      (): IngestJobView => ({
        id: randomUUID(),
        state: 'created',
        attempts: 0,
        maxAttempts: this.settings.attempts,
        createdAt,
        startedAt: null,
        completedAt: null,
        error: null,
        articleId: null,
        status: null,
      }),
    );
    if (!articles.length) return jobs;
    await boss.insert(
      articles.map((data, i) => ({
        id: jobs[i]?.id,
        name: INGEST_QUEUE,
        data,
        retryLimit: this.settings.attempts - 1,
        retryDelay: this.settings.retryDelaySeconds ?? 5,
        retryBackoff: true,
        expireInSeconds: this.settings.timeoutSeconds,
        keepUntil: NEVER,
      })),
    );
    return jobs;
  }

  /** A job by id, also once completed or failed (for KEEP_FINISHED_DAYS). */
  async job(id: string): Promise<IngestJobView | null> {
    if (!isJobId(id)) return null;
    const boss = await this.ready();
    const job = await boss.getJobById<IngestJobData>(INGEST_QUEUE, id, { includeArchive: true });
    if (!job) return null;
    const output = (job.output ?? null) as IngestJobOutput | null;
    const completed = job.state === 'completed';
    return {
      id: job.id,
      state: job.state,
      attempts: job.startedOn ? job.retryCount + 1 : 0,
      maxAttempts: job.retryLimit + 1,
      createdAt: job.createdOn,
      startedAt: job.startedOn ?? null,
      completedAt: job.completedOn,
      error: completed ? null : (output?.message ?? output?.value?.message ?? null),
      articleId: completed ? (output?.articleId ?? null) : null,
      status: completed ? (output?.status ?? null) : null,
    };
  }

  async counts(): Promise<QueueCounts> {
    const boss = await this.ready();
    const { rows } = await boss
      .getDb()
      .executeSql('select state, count(*)::int as n from pgboss.job where name = $1 group by state', [
        INGEST_QUEUE,
      ]);
    const n = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    return {
      waiting: n('created') + n('retry'),
      active: n('active'),
      completed: n('completed'),
      failed: n('failed'),
    };
  }

  /**
   * Drains the queue into the database until stop(): `concurrency` loops each fetch up to
   * `batchSize` jobs, store them through storeJobArticles and settle each job on its own, so that
   * one bad article fails (and is retried) alone.
   */
  async work(db: Db, options: WorkOptions): Promise<void> {
    const boss = await this.ready();
    for (let i = 0; i < options.concurrency; i++) {
      await boss.work<IngestJobData>(
        INGEST_QUEUE,
        { batchSize: options.batchSize, pollingIntervalSeconds: options.pollingSeconds ?? 1 },
        async (jobs) => {
          const outcomes = await storeJobArticles(
            db,
            jobs.map(({ data: { source: _source, ...input } }) => input),
            options.ingest,
          );
          const settled = await Promise.all(
            jobs.map((job, k) => this.settle(boss, job as PgBoss.Job<IngestJobData>, outcomes[k])),
          );
          options.onSettled?.(settled);
        },
      );
    }
  }

  private async settle(
    boss: PgBoss,
    job: PgBoss.Job<IngestJobData>,
    outcome: ArticleOutcome | undefined,
  ): Promise<SettledJob> {
    const result: ArticleOutcome = outcome ?? { ok: false, message: 'the store path gave no outcome' };
    // settled here, job by job, the jobs are no longer active when pg-boss completes the batch
    if (result.ok) {
      const output: IngestJobOutput = {
        status: result.result.status,
        articleId: result.result.articleId,
        quotes: result.result.counts.quotes,
      };
      await boss.complete(INGEST_QUEUE, job.id, output);
      return { id: job.id, source: job.data.source, outcome: result, final: true };
    }
    await boss.fail(INGEST_QUEUE, job.id, { message: result.message });
    const after = await boss.getJobById(INGEST_QUEUE, job.id, { includeArchive: true });
    return { id: job.id, source: job.data.source, outcome: result, final: after?.state === 'failed' };
  }

  /**
   * Stops fetching, lets the batches in hand finish for up to `graceSeconds`, hands back what is
   * still unfinished (it is tried again, by another worker or later) and closes the connections.
   */
  async stop(graceSeconds = 30): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: graceSeconds * 1000 });
  }
}
