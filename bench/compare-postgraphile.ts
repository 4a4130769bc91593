// npx tsx bench/compare-postgraphile.ts --database postgres://…/db [--seconds S] [--rounds R] [--source DIR]…
// The entity page (a person by slug → 20 newest quotes with the article's title and date, and
// totalCount) from Quotegraph (npm start) and from PostGraphile 4 introspecting the same database,
// each in a process of its own on loopback, the same pool size (16), loaded by this process with
// fetch loops at 2 and 16 connections in interleaved rounds; prints the median req/s and p99 of
// the rounds and their ratio, and each server process's CPU time per request (user + system,
// from /proc: less swayed by other work on the machine than requests/s) and the CPU time of the
// Postgres backends serving it (found by application_name, same machine only).
// With --source (repeatable), Quotegraph is started from each source tree given (a worktree of
// another branch, with its own node_modules; "." is this one), each in its own process, all in
// the same interleaved rounds.
// Point it at a database loaded with bench/read-corpus.ts or `npm run bench:scale -- --keep`.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const database = arg('database', '');
const seconds = Number(arg('seconds', '4'));
const rounds = Number(arg('rounds', '5'));
const sources = process.argv.flatMap((a, i) => (a === '--source' ? [process.argv[i + 1] ?? '.'] : []));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? Number.NaN;

function start(
  command: string[],
  env: Record<string, string>,
  ready: RegExp,
  cwd = '.',
): Promise<ChildProcess> {
  // one node process each (tsx as a loader), so that stopping it stops the server
  const child = spawn(process.execPath, ['--import', 'tsx', ...command], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
    cwd,
  });
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      if (ready.test(data.toString())) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
  });
}

/** CPU milliseconds a process has used (Linux), NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  const path = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(path)) return Number.NaN;
  // utime and stime, in clock ticks (100 a second), follow the command name in parentheses
  const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The CPU milliseconds of the Postgres backends a server connected as `application`. */
async function backendCpuMs(admin: pg.Client, application: string): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where application_name = $1',
    [application],
  );
  return rows.reduce((sum, r) => sum + (cpuMs(r.pid) || 0), 0);
}

interface Target {
  name: string;
  pid?: number;
  /** The application_name its pool connects with. */
  application: string;
  url: string;
  query: string;
  check: (data: unknown) => number;
}

async function post(target: Target): Promise<number> {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: target.query }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`${target.name}: ${JSON.stringify(body.errors)}`);
  return target.check(body.data);
}

interface Round {
  rps: number;
  p99: number;
  cpu: number;
  postgresCpu: number;
}

async function load(admin: pg.Client, target: Target, connections: number): Promise<Round> {
  const latencies: number[] = [];
  const cpuBefore = cpuMs(target.pid);
  const postgresBefore = await backendCpuMs(admin, target.application);
  const startAt = performance.now();
  const end = startAt + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await post(target);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const rps = latencies.length / ((performance.now() - startAt) / 1000);
  return {
    rps,
    p99: quantile(latencies, 0.99),
    cpu: (cpuMs(target.pid) - cpuBefore) / latencies.length,
    postgresCpu: ((await backendCpuMs(admin, target.application)) - postgresBefore) / latencies.length,
  };
}

async function main(): Promise<void> {
  if (!database)
    throw new Error('--database postgres://… (a database loaded by npm run bench:scale -- --keep)');
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  const withApplication = (name: string) => {
    const url = new URL(database);
    url.searchParams.set('application_name', name);
    return url.toString();
  };
  const { rows } = await client.query<{ slug: string; n: number }>(`
    select e.slug, count(*)::int as n from entities e join quotes q on q.speaker_id = e.id
    where e.kind = 'person' group by e.id order by count(*) desc limit 1`);
  const top = rows[0];
  if (!top) throw new Error('no speaker in that database');
  console.log(
    `entity       ${top.slug} (${top.n} quotes); ${rounds} interleaved rounds of ${seconds} s each`,
  );
  const quotegraphs = (sources.length ? sources : ['.']).map((source, i) => ({
    source,
    name: sources.length > 1 ? `quotegraph ${source}` : 'quotegraph',
    application: `bench-quotegraph-${i}`,
    port: 4711 + 10 * i,
  }));
  const starting = [
    ...quotegraphs.map((q) =>
      start(
        ['src/server.ts'],
        {
          DATABASE_URL: withApplication(q.application),
          PORT: String(q.port),
          HOST: '127.0.0.1',
          LOAD_EXAMPLES: 'false',
          DB_POOL_SIZE: '16',
          // the hourly budget is per caller, and this process is one caller asking thousands of times
          RATE_LIMIT_POINTS: '1000000000',
        },
        /Quotegraph is serving/,
        q.source,
      ),
    ),
    start(['bench/postgraphile-server.ts', withApplication('bench-postgraphile'), '4712', '16'], {}, /ready/),
  ];
  const started = await Promise.allSettled(starting);
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // one server up and the other not: stop the one that started
    for (const s of servers) s.kill('SIGTERM');
    throw failed.reason;
  }
  const pageOf = (data: unknown, path: (d: never) => { totalCount: number; nodes: unknown[] }) => {
    const page = path(data as never);
    if (page.totalCount !== top.n || page.nodes.length !== Math.min(20, top.n))
      throw new Error(`unexpected page: ${page.totalCount} / ${page.nodes.length}`);
    return page.nodes.length;
  };
  const targets: Target[] = [
    ...quotegraphs.map((q, i) => ({
      name: q.name,
      pid: servers[i]?.pid,
      application: q.application,
      url: `http://127.0.0.1:${q.port}/graphql`,
      query: `{ entity(slug: "${top.slug}") { name quotes(first: 20, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
        totalCount nodes { text article { title publishedAt } } } } }`,
      check: (d: unknown) => pageOf(d, (x: { entity: { quotes: never } }) => x.entity.quotes),
    })),
    {
      name: 'postgraphile',
      pid: servers[quotegraphs.length]?.pid,
      application: 'bench-postgraphile',
      url: 'http://127.0.0.1:4712/graphql',
      // the slug is a unique index, not a constraint, so PostGraphile finds it with a condition
      query: `{ allEntities(condition: { slug: "${top.slug}" }, first: 1) { nodes { name
        quotesBySpeakerId(first: 20, orderBy: ID_DESC) { totalCount nodes { text articleByArticleId { title publishedAt } } } } } }`,
      check: (d) =>
        pageOf(
          d,
          (x: { allEntities: { nodes: Array<{ quotesBySpeakerId: never }> } }) =>
            x.allEntities.nodes[0]?.quotesBySpeakerId as never,
        ),
    },
  ];
  try {
    for (const t of targets) for (let i = 0; i < 50; i++) await post(t);
    for (const connections of [2, 16]) {
      const results = new Map<string, Round[]>(targets.map((t) => [t.name, []]));
      for (let r = 0; r < rounds; r++) {
        // rotate the order, so that over rounds each target takes every place (with three, the one
        // always second of first-last-reversed rounds came out ahead of the others either way)
        const order = targets.map((_, i) => targets[(i + r) % targets.length] as Target);
        for (const t of order) results.get(t.name)?.push(await load(client, t, connections));
      }
      const summary = targets.map((t) => {
        const rs = results.get(t.name) ?? [];
        return {
          name: t.name,
          rps: median(rs.map((x) => x.rps)),
          p99: median(rs.map((x) => x.p99)),
          cpu: median(rs.map((x) => x.cpu)),
          postgresCpu: median(rs.map((x) => x.postgresCpu)),
        };
      });
      for (const s of summary)
        console.log(
          `${String(connections).padStart(2)} conns   ${s.name.padEnd(Math.max(13, ...targets.map((t) => t.name.length + 1)))} ${s.rps.toFixed(0).padStart(5)} req/s, p99 ${s.p99.toFixed(1)} ms, server CPU ${s.cpu.toFixed(2)} ms/request, Postgres CPU ${s.postgresCpu.toFixed(2)} ms/request`,
        );
      const p = summary[summary.length - 1];
      for (const q of summary.slice(0, -1))
        if (p)
          console.log(
            `${String(connections).padStart(2)} conns   ratio ${q.name}/postgraphile: ${(q.rps / p.rps).toFixed(2)}× req/s`,
          );
    }
  } finally {
    for (const s of servers) s.kill('SIGTERM');
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
