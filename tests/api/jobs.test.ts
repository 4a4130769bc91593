import type { Database } from '../../src/db/client';
import { JobQueue } from '../../src/services/jobs';
import { createTestApp } from '../support/app';
import { openTestDatabase, testDriver } from '../support/database';
import { waitFor } from '../support/wait';

const ENQUEUE = `mutation($input: EnqueueArticlesInput!) {
  enqueueArticles(input: $input) {
    jobs { id state attempts maxAttempts }
    userErrors { field message }
  }
}`;
const JOB = `query($id: ID!) {
  ingestJob(id: $id) { id state attempts maxAttempts error status article { title } completedAt }
}`;

interface JobShape {
  id: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  error?: string | null;
  status?: string | null;
  article?: { title: string } | null;
}
interface EnqueuePayload {
  enqueueArticles: { jobs: JobShape[]; userErrors: Array<{ field: string; message: string }> };
}

const article = (n: number) => ({
  content: `Harbor Talks Resume ${n}\n\nAnna Ortiz, the mayor of Northbridge, said: "We will reopen the harbor ${n} days from now."`,
  format: 'TEXT',
  url: `https://example.test/jobs/${n}`,
});

let database: Database & { url?: string };

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(() => database.close());

describe('on the embedded database', () => {
  const onPglite = testDriver === 'pglite' ? test : test.skip;

  onPglite('enqueueArticles answers that the queue needs a Postgres server', async () => {
    const api = createTestApp(database);
    const result = await api.request(
      ENQUEUE,
      { input: { articles: [article(1)] } },
      await api.editorHeaders(),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('QUEUE_UNAVAILABLE');
    expect(result.errors?.[0]?.message).toMatch(/needs a Postgres server \(set DATABASE_URL\)/);
  });
});

describe('on a Postgres server', () => {
  if (testDriver !== 'postgres') {
    test.skip('the job queue runs on a Postgres server only (set TEST_DATABASE_URL)', () => {});
    return;
  }
  let queue: JobQueue;
  let worker: JobQueue;
  let api: ReturnType<typeof createTestApp>;
  let editor: Record<string, string>;

  beforeAll(async () => {
    const settings = { url: database.url as string, attempts: 2, timeoutSeconds: 120, superviseSeconds: 5 };
    queue = new JobQueue({ ...settings, retryDelaySeconds: 1 }, 'client');
    worker = new JobQueue(settings, 'worker');
    api = createTestApp(database, { jobs: queue });
    editor = await api.editorHeaders();
  });

  afterAll(async () => {
    await worker.stop(5);
    await queue.stop();
  });

  const job = async (id: string) =>
    (await api.query<{ ingestJob: JobShape | null }>(JOB, { id }, editor)).ingestJob;

  test('queued articles are stored by a worker; a bad one fails for good with its error', async () => {
    const bad = { content: '{"title": "Broken", "body": ', format: 'JSON' };
    const queued = await api.query<EnqueuePayload>(
      ENQUEUE,
      { input: { articles: [article(1), article(2), bad, article(1)] } },
      editor,
    );
    expect(queued.enqueueArticles.userErrors).toEqual([]);
    const jobs = queued.enqueueArticles.jobs;
    expect(jobs.map((j) => [j.state, j.attempts, j.maxAttempts])).toEqual(
      Array.from({ length: 4 }, () => ['QUEUED', 0, 2]),
    );

    await worker.work(database.db, { batchSize: 3, concurrency: 1, pollingSeconds: 0.5 });
    const finished = await waitFor('every job to finish', async () => {
      const states = await Promise.all(jobs.map((j) => job(j.id)));
      return states.every((s) => s?.state === 'COMPLETED' || s?.state === 'FAILED') ? states : undefined;
    });

    const [first, second, broken, again] = finished;
    expect(first).toMatchObject({ state: 'COMPLETED', error: null, attempts: 1 });
    expect(first?.article?.title).toBe('Harbor Talks Resume 1');
    expect(second).toMatchObject({ state: 'COMPLETED', status: 'NEW' });
    // the same article twice is stored once; jobs queued in one call may run in any order
    expect([first?.status, again?.status].sort()).toEqual(['NEW', 'UNCHANGED']);
    expect(again).toMatchObject({ state: 'COMPLETED', article: first?.article });
    expect(broken).toMatchObject({
      state: 'FAILED',
      attempts: 2,
      maxAttempts: 2,
      status: null,
      article: null,
    });
    expect(broken?.error).toMatch(/^json: /);
  });

  test('a rejected call queues nothing and names each bad article', async () => {
    const before = await queue.counts();
    const result = await api.query<EnqueuePayload>(
      ENQUEUE,
      { input: { articles: [article(3), { content: '  ' }, { content: 'Text', url: 'ftp://x.test/a' }] } },
      editor,
    );
    expect(result.enqueueArticles).toEqual({
      jobs: [],
      userErrors: [
        { field: 'input.articles[1].content', message: 'the article is empty' },
        { field: 'input.articles[2].url', message: '"ftp://x.test/a" is not an http(s) URL' },
      ],
    });
    expect(await queue.counts()).toEqual(before);
  });

  test('enqueueArticles and ingestJob need an editor key; an unknown job is null', async () => {
    const anonymous = await api.request(ENQUEUE, { input: { articles: [article(4)] } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const lookup = await api.request(JOB, { id: '00000000-0000-4000-8000-000000000000' });
    expect(lookup.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await job('00000000-0000-4000-8000-000000000000')).toBeNull();
    const malformed = await api.request(JOB, { id: 'nope' }, editor);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
