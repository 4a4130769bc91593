import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../../src/db/client';
import { createApiKey } from '../../src/services/api-keys';
import { createTestApp } from '../support/app';
import { openTestDatabase, StatementCounter } from '../support/database';

const examplesFolder = new URL('../../examples/articles/', import.meta.url);
const examples = readdirSync(examplesFolder)
  .filter((f) => f !== 'README.md')
  .sort()
  .map((f) => readFileSync(new URL(f, examplesFolder), 'utf8'));

// Two wires spell the Kremlin spokesman's name their own way; ingestion cannot know they are the
// seed article's Dmitry Peskov, so each becomes an entity of its own until an editor merges them.
const dmitriArticle = `Kremlin Says No Call Is Planned

MOSCOW — Kremlin spokesman Dmitri Peskov told reporters on Monday that no new call between the two presidents had been scheduled.

"There is nothing to announce at the moment," Peskov said.`;

const dmitriyArticle = `Moscow Keeps Its Counsel

MOSCOW — Dmitriy Peskov, the Kremlin spokesman, declined on Tuesday to discuss the talks.

"We will inform you when there is something to say," Peskov told journalists.`;

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) { status article { id } userErrors { field message } }
}`;

const MERGE = `mutation($input: MergeEntitiesInput!) {
  mergeEntities(input: $input) {
    entity { id slug name aliases mergedFrom { id slug } }
    edit { id action actor before after }
    userErrors { field message }
  }
}`;

const UPDATE = `mutation($input: UpdateEntityInput!) {
  updateEntity(input: $input) {
    entity { id slug name description wikidataId aliases }
    edit { action before after }
    userErrors { field message }
  }
}`;

const REATTRIBUTE = `mutation($input: ReattributeQuoteInput!) {
  reattributeQuote(input: $input) {
    quote { id attributionEdited speaker { slug } }
    edit { action before after }
    userErrors { field message }
  }
}`;

const DELETE = `mutation($input: DeleteArticleInput!) {
  deleteArticle(input: $input) { deletedArticleId edit { id action before article { id } } userErrors { field message } }
}`;

interface UserErrors {
  userErrors: Array<{ field: string; message: string }>;
}
interface EntityShape {
  id: string;
  slug: string;
  name: string;
  aliases: string[];
  mergedFrom: Array<{ id: string; slug: string }>;
}
interface EditShape {
  id: string;
  action: string;
  actor: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

let database: Database;
let api: ReturnType<typeof createTestApp>;
let editor: Record<string, string>;
const counter = new StatementCounter();

beforeAll(async () => {
  database = await openTestDatabase({ logger: counter });
  api = createTestApp(database);
  editor = await api.editorHeaders();
  for (const [i, content] of [...examples, dmitriArticle, dmitriyArticle].entries()) {
    const url = i >= examples.length ? `https://wire.example/peskov-${i}` : undefined;
    const data = await api.query<{ ingestArticle: { status: string } }>(
      INGEST,
      { input: { content, url } },
      editor,
    );
    expect(data.ingestArticle.status).toBe('NEW');
  }
  // Three names of one country, made here rather than by extraction: Burma is mentioned twice.
  await database.db.execute(sql`
    with article as (select min(id) as id from articles),
    place as (
      insert into entities (kind, name, normalized_name, slug)
      values ('place', 'Myanmar', 'myanmar', 'myanmar'), ('place', 'Burma', 'burma', 'burma'),
             ('place', 'Union of Myanmar', 'union of myanmar', 'union-of-myanmar')
      returning id, name, normalized_name
    ),
    alias as (insert into entity_aliases (entity_id, alias, normalized_alias) select id, name, normalized_name from place)
    insert into mentions (article_id, entity_id, start, "end", text)
    select article.id, place.id, n, n + 1, place.name
    from place, article, generate_series(1, case when place.name = 'Burma' then 2 else 1 end) n`);
});

afterAll(async () => {
  // The harness drops the test database right after pool.end(), which resolves before the idle
  // connections are closed; the server then kills them, and an unheard pool 'error' would fail
  // whatever test runs next in this worker.
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) client.on('error', () => {});
  await database.close();
});

async function entityId(slug: string): Promise<string> {
  const data = await api.query<{ entity: { id: string } | null }>(
    'query($slug: String!) { entity(slug: $slug) { id } }',
    {
      slug,
    },
  );
  if (!data.entity) throw new Error(`no entity ${slug}`);
  return data.entity.id;
}

async function editCount(): Promise<number> {
  const rows = await database.db.execute(sql`select count(*)::int as n from edits`);
  return (rows as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? -1;
}

const merge = (target: string, sources: string[]) =>
  api.query<{ mergeEntities: UserErrors & { entity: EntityShape | null; edit: EditShape | null } }>(
    MERGE,
    { input: { target, sources } },
    editor,
  );

describe('authorization', () => {
  test('the mutations need an editor key: none is UNAUTHENTICATED, a reader key FORBIDDEN', async () => {
    const reader = await createApiKey(database.db, 'test reader', 'reader');
    const target = await entityId('dmitry-peskov');
    const input = { target, sources: [await entityId('dmitri-peskov')] };
    const anonymous = await api.request(MERGE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asReader = await api.request(
      `mutation($id: ID!) { deleteArticle(input: { id: $id }) { deletedArticleId } }`,
      { id: target },
      { authorization: `Bearer ${reader.key}` },
    );
    expect(asReader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asReader.errors?.[0]?.message).toMatch(/editor role/);
    expect(await editCount()).toBe(0);
  });
});

describe('mergeEntities', () => {
  test('rejects fixable input with userErrors and writes nothing', async () => {
    const peskov = await entityId('dmitry-peskov');
    const burma = await entityId('burma');
    const unknownPerson = Buffer.from('Person:999999').toString('base64');
    const data = await merge(peskov, [peskov, burma, unknownPerson, 'not-an-id']);
    expect(data.mergeEntities.entity).toBeNull();
    expect(data.mergeEntities.edit).toBeNull();
    expect(data.mergeEntities.userErrors).toEqual([
      { field: 'input.sources[3]', message: '"not-an-id" is not a valid ID' },
    ]);
    const valid = await merge(peskov, [peskov, burma, unknownPerson]);
    expect(valid.mergeEntities.userErrors).toEqual([
      { field: 'input.sources[0]', message: 'cannot merge an entity into itself' },
      { field: 'input.sources[1]', message: 'Burma is a place; Dmitry Peskov is a person' },
      { field: 'input.sources[2]', message: 'no entity has this ID' },
    ]);
    const none = await merge(peskov, []);
    expect(none.mergeEntities.userErrors).toEqual([
      { field: 'input.sources', message: 'give at least one entity to merge' },
    ]);
    expect(await editCount()).toBe(0);
  });

  test('folds places into one; old IDs and slugs resolve to the survivor through node, entity(id) and entity(slug)', async () => {
    const [myanmar, burma, union] = await Promise.all(['myanmar', 'burma', 'union-of-myanmar'].map(entityId));
    const data = await merge(myanmar ?? '', [burma ?? '', union ?? '']);
    expect(data.mergeEntities.userErrors).toEqual([]);
    const entity = data.mergeEntities.entity;
    expect(entity?.slug).toBe('myanmar');
    expect(entity?.mergedFrom.map((e) => e.slug)).toEqual(['burma', 'union-of-myanmar']);
    expect(entity?.aliases).toEqual(['Myanmar', 'Burma', 'Union of Myanmar']);
    expect(data.mergeEntities.edit).toMatchObject({
      action: 'MERGE_ENTITIES',
      actor: 'test editor',
      before: { target: { slug: 'myanmar' }, sources: [{ slug: 'burma' }, { slug: 'union-of-myanmar' }] },
      after: { target: { slug: 'myanmar' }, moved: { aliases: 2, mentions: 3 } },
    });

    const resolved = await api.query<{
      node: { id: string; name: string };
      byId: { id: string; slug: string; mentionCount: number };
      bySlug: { id: string; slug: string };
      search: { nodes: Array<{ slug: string }> };
    }>(
      `query($burma: ID!, $union: ID!) {
        node(id: $burma) { id ... on Place { name } }
        byId: entity(id: $union) { id slug mentionCount }
        bySlug: entity(slug: "burma") { id slug }
        search: entities(filter: { name: "burma" }) { nodes { slug } } }`,
      { burma, union },
    );
    expect(resolved.node).toEqual({ id: myanmar, name: 'Myanmar' });
    expect(resolved.byId).toEqual({ id: myanmar, slug: 'myanmar', mentionCount: 4 });
    expect(resolved.bySlug).toEqual({ id: myanmar, slug: 'myanmar' });
    expect(resolved.search.nodes).toEqual([{ slug: 'myanmar' }]);

    const again = await merge(myanmar ?? '', [burma ?? '']);
    expect(again.mergeEntities.userErrors).toEqual([
      { field: 'input.sources[0]', message: 'is already merged into Myanmar' },
    ]);
  });

  test("moves a person's quotes, roles and aliases; a merge chain stays one hop", async () => {
    const [dmitry, dmitri, dmitriy] = await Promise.all([
      entityId('dmitry-peskov'),
      entityId('dmitri-peskov'),
      entityId('dmitriy-peskov'),
    ]);
    const counts = `query($id: ID!) { entity(id: $id) { quoteCount roles { title organization { name } } } }`;
    type Counts = {
      entity: { quoteCount: number; roles: Array<{ title: string; organization: { name: string } | null }> };
    };
    // a role stated of several of the merged people is one role of the survivor
    const rolesOf = (c: Counts) =>
      c.entity.roles.map((r) => `${r.title.toLowerCase()} | ${r.organization?.name}`);
    const before = await Promise.all(
      [dmitry, dmitri, dmitriy].map((id) => api.query<Counts>(counts, { id })),
    );
    const sum = (of: (c: Counts) => number) => before.reduce((total, c) => total + of(c), 0);

    const first = await merge(dmitri, [dmitriy]);
    expect(first.mergeEntities.entity?.mergedFrom.map((e) => e.slug)).toEqual(['dmitriy-peskov']);
    const second = await merge(dmitry, [dmitri]);
    expect(second.mergeEntities.userErrors).toEqual([]);
    const survivor = second.mergeEntities.entity;
    expect(survivor?.mergedFrom.map((e) => e.slug)).toEqual(['dmitri-peskov', 'dmitriy-peskov']);
    expect(survivor?.aliases.filter((x) => x === 'Peskov')).toEqual(['Peskov']);
    expect(survivor?.aliases).toEqual(
      expect.arrayContaining(['Dmitry Peskov', 'Dmitri Peskov', 'Dmitriy Peskov']),
    );
    expect(second.mergeEntities.edit?.after).toMatchObject({ moved: { previouslyMerged: 1 } });

    const rows = await database.db.execute(
      sql`select slug, merged_into_id from entities where slug in ('dmitri-peskov', 'dmitriy-peskov') order by slug`,
    );
    const chain = (rows as unknown as { rows: Array<{ slug: string; merged_into_id: number }> }).rows;
    expect(new Set(chain.map((r) => r.merged_into_id)).size).toBe(1);

    const after = await api.query<
      Counts & { old: { slug: string; quotes: { nodes: Array<{ speaker: { slug: string } }> } } }
    >(
      `query($id: ID!) { entity(id: $id) { quoteCount roles { title organization { name } } }
        old: entity(slug: "dmitriy-peskov") { slug quotes(first: 50) { nodes { speaker { slug } } } } }`,
      { id: dmitriy },
    );
    expect(after.entity.quoteCount).toBe(sum((c) => c.entity.quoteCount));
    expect(rolesOf(after).sort()).toEqual([...new Set(before.flatMap(rolesOf))].sort());
    expect(after.old.slug).toBe('dmitry-peskov');
    expect(new Set(after.old.quotes.nodes.map((q) => q.speaker.slug))).toEqual(new Set(['dmitry-peskov']));
  });

  test('history covers the entity and the ones merged into it, newest first', async () => {
    const data = await api.query<{ entity: { history: EditShape[] } }>(
      `{ entity(slug: "dmitri-peskov") { history { action actor before } } }`,
    );
    expect(data.entity.history.map((e) => e.action)).toEqual(['MERGE_ENTITIES', 'MERGE_ENTITIES']);
    expect(data.entity.history[0]?.before).toMatchObject({ target: { slug: 'dmitry-peskov' } });
    expect(data.entity.history[1]?.before).toMatchObject({ target: { slug: 'dmitri-peskov' } });
  });

  test('mergedFrom and history are batched: a page of 50 entities costs the statements of a page of 2', async () => {
    const query = `query($n: Int!) { entities(first: $n) { nodes { slug mergedFrom { slug } history(limit: 5) { action } } } }`;
    counter.reset();
    await api.query(query, { n: 2 });
    const small = counter.count;
    counter.reset();
    const data = await api.query<{ entities: { nodes: unknown[] } }>(query, { n: 50 });
    expect(data.entities.nodes.length).toBeGreaterThan(20);
    expect(counter.count).toBe(small);
  });
});

describe('updateEntity', () => {
  test('renames without changing the slug, sets description and Wikidata ID, edits aliases', async () => {
    const id = await entityId('dmitry-peskov');
    const data = await api.query<{
      updateEntity: UserErrors & { entity: Record<string, unknown>; edit: EditShape };
    }>(
      UPDATE,
      {
        input: {
          id,
          name: 'Dmitry S. Peskov',
          description: 'Press secretary of the President of Russia',
          wikidataId: 'q2626838',
          addAliases: ['Dmitry Sergeyevich Peskov'],
          removeAliases: ['DMITRIY PESKOV'],
        },
      },
      editor,
    );
    expect(data.updateEntity.userErrors).toEqual([]);
    expect(data.updateEntity.entity).toMatchObject({
      slug: 'dmitry-peskov',
      name: 'Dmitry S. Peskov',
      description: 'Press secretary of the President of Russia',
      wikidataId: 'Q2626838',
    });
    const aliases = data.updateEntity.entity.aliases as string[];
    expect(aliases).toEqual(
      expect.arrayContaining(['Dmitry Peskov', 'Dmitry S. Peskov', 'Dmitry Sergeyevich Peskov']),
    );
    expect(aliases).not.toContain('Dmitriy Peskov');
    expect(data.updateEntity.edit).toMatchObject({
      action: 'UPDATE_ENTITY',
      before: { name: 'Dmitry Peskov', wikidataId: null },
      after: { name: 'Dmitry S. Peskov', wikidataId: 'Q2626838' },
    });

    const cleared = await api.query<{ updateEntity: UserErrors & { entity: Record<string, unknown> } }>(
      UPDATE,
      { input: { id, wikidataId: null } },
      editor,
    );
    expect(cleared.updateEntity.entity).toMatchObject({
      wikidataId: null,
      description: 'Press secretary of the President of Russia',
    });
  });

  test('rejects an empty name, a malformed Wikidata ID, an unknown alias and an empty change', async () => {
    const id = await entityId('dmitry-peskov');
    const bad = await api.query<{ updateEntity: UserErrors & { entity: unknown } }>(
      UPDATE,
      { input: { id, name: '  ', wikidataId: '2626838', addAliases: ['—'] } },
      editor,
    );
    expect(bad.updateEntity.entity).toBeNull();
    expect(bad.updateEntity.userErrors).toEqual([
      { field: 'input.name', message: 'cannot be empty' },
      { field: 'input.wikidataId', message: '"2626838" is not a Wikidata item ID like Q42' },
      { field: 'input.addAliases[0]', message: 'cannot be empty' },
    ]);
    const unknownAlias = await api.query<{ updateEntity: UserErrors }>(
      UPDATE,
      { input: { id, removeAliases: ['Vladimir Putin', 'Dmitry S. Peskov'] } },
      editor,
    );
    expect(unknownAlias.updateEntity.userErrors).toEqual([
      { field: 'input.removeAliases[0]', message: '"Vladimir Putin" is not an alias of Dmitry S. Peskov' },
      { field: 'input.removeAliases[1]', message: '"Dmitry S. Peskov" is the name; rename first' },
    ]);
    const empty = await api.query<{ updateEntity: UserErrors }>(UPDATE, { input: { id } }, editor);
    expect(empty.updateEntity.userErrors).toEqual([
      { field: 'input', message: 'give at least one field to change' },
    ]);
    const gone = await api.query<{ updateEntity: UserErrors }>(
      UPDATE,
      { input: { id: Buffer.from('Place:424242').toString('base64'), name: 'Atlantis' } },
      editor,
    );
    expect(gone.updateEntity.userErrors).toEqual([{ field: 'input.id', message: 'no entity has this ID' }]);
  });
});

const NATO_URL = 'https://meridianwire.example/2025/01/29/nato-urges-unity';

/** A quote of the NATO article that the extraction did not give to Mark Rutte, and its speaker. */
async function natoQuoteNotByRutte(): Promise<{ id: string; speaker: { slug: string } | null }> {
  const data = await api.query<{
    article: { quotes: { nodes: Array<{ id: string; speaker: { slug: string } | null }> } };
  }>(`query($url: String!) { article(url: $url) { quotes(first: 50) { nodes { id speaker { slug } } } } }`, {
    url: NATO_URL,
  });
  const quote = data.article.quotes.nodes.find((q) => q.speaker?.slug !== 'mark-rutte');
  if (!quote) throw new Error('expected a quote not by Rutte in the NATO article');
  return quote;
}

describe('reattributeQuote', () => {
  test('sets the speaker, marks the attribution edited and records the change on the quote', async () => {
    const { id: quote, speaker: previous } = await natoQuoteNotByRutte();
    const rutte = await entityId('mark-rutte');
    const data = await api.query<{
      reattributeQuote: UserErrors & {
        quote: { attributionEdited: boolean; speaker: { slug: string } };
        edit: EditShape;
      };
    }>(REATTRIBUTE, { input: { quote, speaker: rutte } }, editor);
    expect(data.reattributeQuote.userErrors).toEqual([]);
    expect(data.reattributeQuote.quote).toEqual({
      id: quote,
      attributionEdited: true,
      speaker: { slug: 'mark-rutte' },
    });
    expect(data.reattributeQuote.edit).toMatchObject({
      action: 'REATTRIBUTE_QUOTE',
      before: { speaker: previous, attributionEdited: false },
      after: { speaker: { slug: 'mark-rutte' }, attributionEdited: true },
    });
    const history = await api.query<{
      node: { history: Array<{ action: string; actor: string; entity: { slug: string } }> };
    }>(`query($id: ID!) { node(id: $id) { ... on Quote { history { action actor entity { slug } } } } }`, {
      id: quote,
    });
    expect(history.node.history).toEqual([
      { action: 'REATTRIBUTE_QUOTE', actor: 'test editor', entity: { slug: 'mark-rutte' } },
    ]);
  });

  test('null speaker unattributes; a missing speaker, an unknown quote or speaker are userErrors', async () => {
    const list = await api.query<{ quotes: { nodes: Array<{ id: string }> } }>(
      `{ quotes(first: 1, filter: { kind: DIRECT }) { nodes { id } } }`,
    );
    const quote = list.quotes.nodes[0]?.id ?? '';
    const cleared = await api.query<{ reattributeQuote: UserErrors & { quote: { speaker: unknown } } }>(
      REATTRIBUTE,
      { input: { quote, speaker: null } },
      editor,
    );
    expect(cleared.reattributeQuote.quote).toMatchObject({ speaker: null, attributionEdited: true });
    const missing = await api.query<{ reattributeQuote: UserErrors }>(
      REATTRIBUTE,
      { input: { quote } },
      editor,
    );
    expect(missing.reattributeQuote.userErrors).toEqual([
      { field: 'input.speaker', message: "give the speaker's ID, or null to mark the quote unattributed" },
    ]);
    const unknown = await api.query<{ reattributeQuote: UserErrors }>(
      REATTRIBUTE,
      {
        input: {
          quote: Buffer.from('Quote:999999').toString('base64'),
          speaker: Buffer.from('Person:999999').toString('base64'),
        },
      },
      editor,
    );
    expect(unknown.reattributeQuote.userErrors).toEqual([
      { field: 'input.quote', message: 'no quote has this ID' },
      { field: 'input.speaker', message: 'no entity has this ID' },
    ]);
  });
});

describe("re-ingesting an article does not undo an editor's correction", () => {
  test('the same articles again change nothing: the reattribution and the merges hold', async () => {
    const nato = examples.find((e) => e.includes(NATO_URL)) ?? '';
    for (const [content, url] of [
      [nato, undefined],
      [dmitriArticle, `https://wire.example/peskov-${examples.length}`],
      [dmitriyArticle, `https://wire.example/peskov-${examples.length + 1}`],
    ] as const) {
      const data = await api.query<{ ingestArticle: { status: string } }>(
        INGEST,
        { input: { content, url } },
        editor,
      );
      expect(data.ingestArticle.status).toBe('UNCHANGED');
    }
    const data = await api.query<{
      article: { quotes: { nodes: Array<{ attributionEdited: boolean; speaker: { slug: string } | null }> } };
      old: { slug: string; mergedFrom: Array<{ slug: string }> };
    }>(
      `query($url: String!) {
        article(url: $url) { quotes(first: 50) { nodes { attributionEdited speaker { slug } } } }
        old: entity(slug: "dmitri-peskov") { slug mergedFrom { slug } } }`,
      { url: NATO_URL },
    );
    const edited = data.article.quotes.nodes.filter((q) => q.attributionEdited);
    expect(edited).toEqual([{ attributionEdited: true, speaker: { slug: 'mark-rutte' } }]);
    expect(data.old).toEqual({
      slug: 'dmitry-peskov',
      mergedFrom: [{ slug: 'dmitri-peskov' }, { slug: 'dmitriy-peskov' }],
    });
  });

  test('a new article naming a merged-away entity attaches to the survivor', async () => {
    const content = `Kremlin Rules Out Summit This Month

MOSCOW — Kremlin spokesman Dmitri Peskov said on Thursday that a summit was not on the calendar.

"It is too early to speak about dates," Peskov said.`;
    const data = await api.query<{ ingestArticle: { status: string; article: { id: string } } }>(
      INGEST,
      { input: { content, url: 'https://wire.example/peskov-summit' } },
      editor,
    );
    expect(data.ingestArticle.status).toBe('NEW');
    const quotes = await api.query<{ quotes: { nodes: Array<{ speaker: { slug: string } | null }> } }>(
      `query($id: ID!) { quotes(filter: { article: $id }) { nodes { speaker { slug } } } }`,
      { id: data.ingestArticle.article.id },
    );
    expect(quotes.quotes.nodes.length).toBeGreaterThan(0);
    for (const q of quotes.quotes.nodes) expect(q.speaker?.slug).toBe('dmitry-peskov');
  });
});

describe('deleteArticle', () => {
  test('removes the article with its quotes and mentions; the edit keeps what it was', async () => {
    const found = await api.query<{
      articles: { nodes: Array<{ id: string; title: string; url: string | null }> };
    }>(`{ articles(first: 50) { nodes { id title url } } }`);
    const target = found.articles.nodes.find((a) => a.url?.includes('harborpoint'));
    if (!target) throw new Error('expected the Harbor Point Gazette article');
    const data = await api.query<{
      deleteArticle: UserErrors & { deletedArticleId: string; edit: EditShape & { article: unknown } };
    }>(DELETE, { input: { id: target.id } }, editor);
    expect(data.deleteArticle.userErrors).toEqual([]);
    expect(data.deleteArticle.deletedArticleId).toBe(target.id);
    expect(data.deleteArticle.edit).toMatchObject({
      action: 'DELETE_ARTICLE',
      article: null,
      before: { title: target.title, url: target.url },
    });

    const after = await api.query<{
      article: unknown;
      quotes: { totalCount: number };
      edit: { action: string; article: unknown; before: { title: string; quotes: number } };
    }>(
      `query($id: ID!, $edit: ID!) {
        article(id: $id) { id }
        quotes(filter: { article: $id }) { totalCount }
        edit: node(id: $edit) { ... on Edit { action article { id } before } } }`,
      { id: target.id, edit: data.deleteArticle.edit.id },
    );
    expect(after.article).toBeNull();
    expect(after.quotes.totalCount).toBe(0);
    expect(after.edit).toMatchObject({
      action: 'DELETE_ARTICLE',
      article: null,
      before: { title: target.title },
    });
    expect(after.edit.before.quotes).toBeGreaterThan(0);
    const orphans = await database.db.execute(
      sql`select (select count(*) from mentions m where not exists (select 1 from articles a where a.id = m.article_id))::int as n`,
    );
    expect((orphans as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(0);

    const again = await api.query<{ deleteArticle: UserErrors }>(
      DELETE,
      { input: { id: target.id } },
      editor,
    );
    expect(again.deleteArticle.userErrors).toEqual([
      { field: 'input.id', message: 'no article has this ID' },
    ]);
    const wrongType = await api.query<{ deleteArticle: UserErrors }>(
      DELETE,
      { input: { id: await entityId('mark-rutte') } },
      editor,
    );
    expect(wrongType.deleteArticle.userErrors[0]?.field).toBe('input.id');
    expect(wrongType.deleteArticle.userErrors[0]?.message).toMatch(/is not the ID of a Article/);
  });
});

describe('deep pagination', () => {
  const TOTAL = 1_050;

  beforeAll(async () => {
    // Rows made in SQL, not by ingesting: a speaker with 1,050 quotes in one article, many of them
    // sharing a confidence, so that paging must break ties on the id.
    await database.db.execute(sql`
      with speaker as (
        insert into entities (kind, name, normalized_name, slug)
        values ('person', 'Prolific Speaker', 'prolific speaker', 'prolific-speaker') returning id
      ), article as (
        insert into articles (slug, content_hash, title, body, paragraphs, published_at)
        values ('paging-article', 'paging-article', 'Paging', 'x', '[]'::jsonb, '2025-02-01T00:00:00Z') returning id
      )
      insert into quotes (article_id, speaker_id, kind, text, start, "end", confidence, normalized_text, normalized_hash)
      select article.id, speaker.id, 'direct', 'Statement number ' || g, g, g + 1, (g % 7) / 10.0,
             'statement number ' || g, md5('statement number ' || g)
      from generate_series(1, ${TOTAL}) g, speaker, article`);
    // what ingest keeps per entity, kept here too for the rows made by hand
    await database.db.execute(
      sql`select entity_summaries_add(array(select id from articles where slug = 'paging-article'), 1)`,
    );
  });

  test.each(['PUBLISHED_AT', 'CONFIDENCE'])(
    'first: 100 with after cursors walks all 1,050 quotes (%s)',
    async (field) => {
      const seen = new Set<string>();
      let after: string | null = null;
      let pages = 0;
      let totalCount = 0;
      for (;;) {
        const data: {
          entity: {
            quotes: {
              totalCount: number;
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
              nodes: Array<{ id: string; confidence: number }>;
            };
          };
        } = await api.query(
          `query($after: String, $field: QuoteOrderField!) { entity(slug: "prolific-speaker") {
          quotes(first: 100, after: $after, orderBy: { field: $field, direction: DESC }) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id confidence } } } }`,
          { after, field },
        );
        const page = data.entity.quotes;
        totalCount = page.totalCount;
        for (const q of page.nodes) seen.add(q.id);
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
        expect(pages).toBeLessThan(20);
      }
      expect(totalCount).toBe(TOTAL);
      expect(seen.size).toBe(TOTAL);
      expect(pages).toBe(11);
    },
  );
});
