import { z } from 'zod';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** GraphiQL at /graphql; off in production unless set. */
  GRAPHIQL: flag.optional(),
  /** Schema introspection; off in production unless set. */
  INTROSPECTION: flag.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  LOAD_EXAMPLES: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_QUERY_COST: z.coerce.number().int().positive().default(10_000),
  EXTRACTION_WORKERS: z.coerce.number().int().positive().default(2),
  EXTRACTION_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  RATE_LIMIT_POINTS: z.coerce.number().int().positive().default(5_000),
  /** Job queue (npm run worker, needs DATABASE_URL): tries per article before its job fails for good. */
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** A job still active this long is taken back (its worker died or hung) and tried again. */
  JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** How often workers look for timed-out jobs (one worker at a time does it). */
  JOB_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
