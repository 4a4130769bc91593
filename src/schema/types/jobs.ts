import { GraphQLError } from 'graphql';
import type { Context } from '../../context';
import {
  enqueueProblems,
  type IngestJobView,
  isJobId,
  type JobQueue,
  QueueUnavailableError,
} from '../../services/jobs';
import { requireEditor } from '../auth';
import { builder } from '../builder';
import { badInput, type UserError, UserErrorType } from '../errors';
import { ArticleRef } from '../refs';
import { IngestArticleInput, IngestStatus } from './article';

function queueOf(ctx: Context, what: string): JobQueue {
  if (ctx.jobs) return ctx.jobs;
  throw new GraphQLError(new QueueUnavailableError(what).message, {
    extensions: { code: 'QUEUE_UNAVAILABLE' },
  });
}

const IngestJobState = builder.enumType('IngestJobState', {
  description: 'Where an ingest job stands.',
  values: {
    QUEUED: { value: 'created', description: 'Waiting for a worker.' },
    RETRY: { value: 'retry', description: 'A try failed; waiting to be tried again (see error).' },
    ACTIVE: { value: 'active', description: 'A worker is storing the article.' },
    COMPLETED: { value: 'completed', description: 'Stored (or found already stored): see article.' },
    CANCELLED: { value: 'cancelled', description: 'Cancelled by an operator; it will not run.' },
    FAILED: { value: 'failed', description: 'Every try failed: see error. It will not run again.' },
  } as const,
});

const IngestJob = builder.objectRef<IngestJobView>('IngestJob').implement({
  description: 'An article queued for `npm run worker` processes to store.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The job ID, for ingestJob(id:).' }),
    state: t.field({ type: IngestJobState, description: 'Where it stands.', resolve: (j) => j.state }),
    attempts: t.exposeInt('attempts', { description: 'Tries started so far.' }),
    maxAttempts: t.exposeInt('maxAttempts', { description: 'Tries allowed before it fails for good.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was queued.', resolve: (j) => j.createdAt }),
    startedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When its latest try started; null before the first.',
      resolve: (j) => j.startedAt,
    }),
    completedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it completed or failed for good; null until then.',
      resolve: (j) => j.completedAt,
    }),
    error: t.string({
      nullable: true,
      description: 'Why the latest try failed (RETRY, FAILED); null otherwise.',
      resolve: (j) => j.error,
    }),
    status: t.field({
      type: IngestStatus,
      nullable: true,
      description: 'Whether the article was new when COMPLETED; null in other states.',
      resolve: (j) => j.status,
    }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: 'The stored article when COMPLETED (null if it has been deleted since).',
      resolve: (j) => j.articleId,
    }),
  }),
});

const EnqueueArticlesInput = builder.inputType('EnqueueArticlesInput', {
  description: 'Articles to queue for the workers.',
  fields: (t) => ({
    articles: t.field({
      type: [IngestArticleInput],
      required: true,
      description: 'The articles, 1 to 100, each as ingestArticle takes it.',
    }),
  }),
});

interface EnqueuePayloadShape {
  jobs: IngestJobView[];
  userErrors: UserError[];
}

const EnqueueArticlesPayload = builder.objectRef<EnqueuePayloadShape>('EnqueueArticlesPayload').implement({
  description: 'The result of enqueueArticles.',
  fields: (t) => ({
    jobs: t.field({
      type: [IngestJob],
      description: 'One job per article, in the order given; empty when the input was rejected.',
      resolve: (p) => p.jobs,
    }),
    userErrors: t.field({
      type: [UserErrorType],
      description: 'What was wrong with the input; empty when the articles were queued.',
      resolve: (p) => p.userErrors,
    }),
  }),
});

builder.queryFields((t) => ({
  ingestJob: t.field({
    type: IngestJob,
    nullable: true,
    description:
      'An ingest job by ID, as enqueueArticles returned it; null when there is none (finished jobs are kept 30 days). Needs an editor API key.',
    args: { id: t.arg.id({ required: true, description: 'The job ID.' }) },
    resolve: async (_root, { id }, ctx) => {
      await requireEditor(ctx);
      const jobs = queueOf(ctx, 'ingestJob');
      if (!isJobId(String(id))) throw badInput('id', `"${id}" is not an ingest job ID`);
      return jobs.job(String(id));
    },
  }),
}));

builder.mutationFields((t) => ({
  enqueueArticles: t.field({
    type: EnqueueArticlesPayload,
    description:
      'Queue articles for `npm run worker` processes to extract and store, and answer at once with a job per article. Needs an editor API key and a Postgres server. Storing is idempotent: an article queued twice is stored once.',
    args: { input: t.arg({ type: EnqueueArticlesInput, required: true, description: 'The articles.' }) },
    resolve: async (_root, { input }, ctx): Promise<EnqueuePayloadShape> => {
      await requireEditor(ctx);
      const jobs = queueOf(ctx, 'enqueueArticles');
      const articles = input.articles.map((a) => ({
        content: a.content,
        format: a.format ?? undefined,
        url: a.url ?? undefined,
      }));
      if (!articles.length) {
        return { jobs: [], userErrors: [{ field: 'input.articles', message: 'give at least one article' }] };
      }
      const problems = enqueueProblems(articles).map((p) => ({
        field: `input.articles[${p.index}].${p.field}`,
        message: p.message,
      }));
      // all or none: a rejected call queues nothing
      if (problems.length) return { jobs: [], userErrors: problems };
      return { jobs: await jobs.enqueue(articles), userErrors: [] };
    },
  }),
}));
