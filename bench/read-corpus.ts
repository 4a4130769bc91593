// npx tsx bench/read-corpus.ts --database postgres://…/db --articles N [--seed S] [--chunk C]
// Fills a fresh, migrated database with N generated articles in set-based SQL (no extraction):
// for measuring reads at sizes the ingest path takes hours to reach (bench/compare-postgraphile.ts,
// bench/read-scale.ts). Per article: an outlet, a date spread over three years, a body of ~50
// words, three speakers (skewed as in the news: the k-th most quoted person has about 1/√k of the
// top one's quotes) sharing 12 quotes, 5% unattributed, the speakers and two other entities
// mentioned, half the quotes about someone. One role per person. No echo links or shingles: reads
// of echoes are measured by bench/echoes.ts. Loaded C articles (default 50,000) at a time with the
// big tables' indexes (all but primary keys) dropped, foreign-key checks and triggers off; then the
// entity summaries, the indexes rebuilt from their own definitions, VACUUM ANALYZE. Deterministic
// for a seed and chunk size (setseed, no parallel workers).
import pg from 'pg';
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

const words = (list: string) => `array[${list.split(' ').map((w) => `'${w}'`)}]`;
const FIRST = words(
  'Anna Ben Carla David Elena Farid Grace Hugo Ines Jonas Keiko Liam Maria Nikos Olga Pavel Rosa Samir Tara Victor Yusuf Zoe',
);
const LAST = words(
  'Adams Brandt Chen Diaz Eriksen Fischer Garcia Haddad Ivanova Jensen Kowalski Lopez Moreau Novak Okafor Petrov Quinn Rossi Sato Tanaka Usman Weber',
);
const ORG = words('Ministry Council Party Bank Union Agency Court Institute Commission Alliance');
const PLACE = words('Kyiv Lagos Lima Oslo Hanoi Quito Accra Tunis Baku Riga');
const TITLE = words('minister spokesman mayor governor chairman director senator adviser');
const VOCAB = words(
  'government budget election reform talks ceasefire economy inflation border energy health schools court vote protest summit trade tariffs climate housing police military sanctions parliament agreement crisis workers prices families investors security',
);
const SAY = words(
  'we will must cannot should protect review support defend rebuild the this our every new plan deal law people country future now again never',
);

/** `n` random words of `list`, joined by spaces; `n` must name a column of the row (else it is drawn once for all rows). */
const text = (list: string, n: string) =>
  `(select string_agg((${list})[1 + floor(random() * array_length(${list}, 1))::int], ' ') from generate_series(1, ${n}))`;

async function main(): Promise<void> {
  const url = arg('database', '');
  const n = Number(arg('articles', '20000'));
  const seed = Number(arg('seed', '1'));
  if (!url || !Number.isInteger(n) || n < 1) throw new Error('--database postgres://… --articles N');
  const database = await openDatabase({ url, statementTimeoutMs: 24 * 3_600_000 });
  await migrate(database);
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const persons = Math.max(200, Math.min(50_000, Math.floor(n / 10)));
  const organizations = Math.max(50, Math.min(10_000, Math.floor(n / 50)));
  const outlets = 40;
  const chunk = Number(arg('chunk', '50000'));
  const started = performance.now();
  const timed = async <T>(name: string, work: () => Promise<T>) => {
    const t = performance.now();
    const result = await work();
    console.log(`${name.padEnd(24)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };
  const step = (name: string, statement: string) => timed(name, () => client.query(statement));
  // replica: no foreign-key checks and no triggers during the load (quotes.article_date is written
  // here as its trigger would); the rows are consistent by construction
  await client.query(
    `set max_parallel_workers_per_gather = 0; set jit = off; set synchronous_commit = off;
     set work_mem = '256MB'; set maintenance_work_mem = '1GB'; set session_replication_role = replica;
     select setseed(${(seed % 1000) / 1000})`,
  );
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from articles');
  if (rows[0]?.n) throw new Error('the database already has articles: give a fresh one');
  // every index of the big tables but their primary keys, dropped now and created after the load
  // from their own definitions (pg_get_indexdef: exactly what the migrations made)
  const { rows: deferred } = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i where i.indrelid in ('articles'::regclass, 'quotes'::regclass, 'mentions'::regclass,
         'quote_about'::regclass, 'roles'::regclass) and not i.indisprimary order by 1`,
  );
  await client.query(deferred.map((d) => `drop index ${d.name};`).join('\n'));
  // entities: persons 1..P, then organizations, outlets and places, ids in that order
  await step(
    'entities',
    `insert into entities (kind, name, normalized_name, slug)
    select kind::entity_kind, name, lower(name), lower(replace(name, ' ', '-')) || '-' || i from (
      select i, 'person' as kind, (${FIRST})[1 + i % 22] || ' ' || (${LAST})[1 + (i / 22) % 22] as name from generate_series(1, ${persons}) i
      union all select ${persons} + i, 'organization', (${PLACE})[1 + i % 10] || ' ' || (${ORG})[1 + (i / 10) % 10] from generate_series(1, ${organizations}) i
      union all select ${persons + organizations} + i, 'organization', 'The ' || (${PLACE})[1 + i % 10] || ' ' || (array['Herald','Times','Post','Courier'])[1 + i / 10] from generate_series(0, ${outlets - 1}) i
      union all select ${persons + organizations + outlets} + i, 'place', (${PLACE})[i] from generate_series(1, 10) i
    ) e order by i`,
  );
  const firstOutlet = persons + organizations + 1;
  const person = `1 + floor(${persons} * random() ^ 2)::int`;
  const others = organizations + outlets + 10;
  await step(
    'aliases',
    `insert into entity_aliases (entity_id, alias, normalized_alias) select id, name, normalized_name from entities`,
  );
  // in chunks of articles, each statement reading the previous one's rows by primary-key range
  const load = { articles: 0, quotes: 0, mentions: 0, about: 0 };
  const add = async (key: keyof typeof load, statement: string) => {
    const t = performance.now();
    await client.query(statement);
    load[key] += performance.now() - t;
  };
  for (let lo = 1; lo <= n; lo += chunk) {
    const hi = Math.min(n, lo + chunk - 1);
    const { rows: last } = await client.query<{ id: number }>(
      'select coalesce(max(id), 0)::int as id from quotes',
    );
    const after = last[0]?.id ?? 0;
    await add(
      'articles',
      `insert into articles (id, slug, content_hash, title, outlet_id, published_at, body, paragraphs) overriding system value
      select i, 'article-' || i, md5(i::text), initcap(${text(VOCAB, '6 + 0 * i')}), ${firstOutlet} + floor(random() * ${outlets})::int,
        timestamptz '2023-01-01' + random() * interval '1095 days', ${text(VOCAB, '50 + 0 * i')}, '[]'::jsonb
      from generate_series(${lo}, ${hi}) i`,
    );
    await add(
      'quotes',
      `with speakers as materialized (
        select id, published_at, array[${[1, 2, 3].map(() => person)}] as sp
        from articles where id between ${lo} and ${hi} order by id
      )
      insert into quotes (article_id, speaker_id, kind, text, start, "end", confidence, normalized_text, normalized_hash, article_date)
      select a, s, k::quote_kind, t, j * 100, j * 100 + length(t), c, lower(t), md5(lower(t)), d from (
        select a.id as a, a.published_at as d, j, case when random() < 0.05 then null else a.sp[1 + floor(random() * 3)::int] end as s,
          (array['direct','direct','indirect','partial'])[1 + floor(random() * 4)::int] as k,
          ${text(SAY, '(8 + floor(random() * 8))::int + 0 * a.id')} || ' ' || ${text(VOCAB, '2 + 0 * j')} as t, 0.5 + random() / 2 as c
        from speakers a, generate_series(1, 12) j order by a.id, j
      ) q`,
    );
    await add(
      'mentions',
      `insert into mentions (article_id, entity_id, start, "end", text)
      select m.article_id, m.entity_id, 0, 1, e.name from (
        select distinct article_id, speaker_id as entity_id from quotes where id > ${after} and speaker_id is not null
        union select a, ${persons} + 1 + floor(random() * ${others})::int from generate_series(${lo}, ${hi}) a, generate_series(1, 2)
      ) m join entities e on e.id = m.entity_id order by 1, 2`,
    );
    await add(
      'about',
      `insert into quote_about (quote_id, entity_id)
      select id, case when random() < 0.5 then 1 + floor(${persons} * random() ^ 2)::int else ${persons} + 1 + floor(random() * ${organizations})::int end
      from quotes where id > ${after} and random() < 0.5 order by id`,
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`loaded ${hi} articles after ${seconds.toFixed(0)} s`);
  }
  for (const [key, ms] of Object.entries(load)) console.log(`${key.padEnd(24)} ${(ms / 1000).toFixed(1)} s`);
  await client.query(`select setval('articles_id_seq', ${n})`);
  await step(
    'roles',
    `insert into roles (person_id, title, organization_id, article_id, first_seen_at, last_seen_at)
    select p, (${TITLE})[1 + p % 8], ${persons} + 1 + p % ${organizations}, a.id, a.published_at, a.published_at + interval '90 days'
    from generate_series(1, ${persons}) p join articles a on a.id = 1 + (p * 7919) % ${n}`,
  );
  // what ingest keeps per entity (migration 0011), for the whole corpus at once
  await step('summaries', 'select entity_summaries_add(array(select id from articles order by id), 1)');
  await client.query('set session_replication_role = origin');
  for (const d of deferred) await step(d.name, d.definition);
  // and the speakers' first direct reports (migration 0017), once the hash index is there
  await step(
    'first reports',
    'select entity_summaries_count_first_reports(array(select entity_id from entity_summaries where quote_count > 0))',
  );
  await step('vacuum analyze', 'vacuum analyze');
  console.log(
    `${n} articles, ${n * 12} quotes, ${persons} persons in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  await client.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
