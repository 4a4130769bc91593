import { eq, sql } from 'drizzle-orm';
import { articles, entities, mentions, quotes } from '../../src/db/schema';
import { ingestArticle } from '../../src/services/ingest';
import { reresolveEntities } from '../../src/services/reresolve-entities';
import { createTestApp } from '../support/app';
import { openTestDatabase } from '../support/database';

// Written for this test: one governor named three ways across outlets, a union named in full and
// by its acronym, and two people who share a surname.
const story = (title: string, outlet: string, body: string) => ({
  format: 'json' as const,
  content: JSON.stringify({ title, outlet, body, publishedAt: '2025-05-01T10:00:00Z' }),
});

const governorFull = story(
  'Governor Signs Port Budget',
  'Lakeside Ledger',
  `Governor Daniel R. Whitfield signed the port budget on Monday in Columbus. "This budget keeps the docks open," Whitfield said.

The Harbor Workers Union welcomed the deal. Senator Elena Brandt, who chairs the Senate transport committee, said the vote was close.`,
);
const governorShort = story(
  'Port Deal Wins Praise',
  'Valley Courier',
  `Daniel Whitfield, the governor, praised the Harbor Workers Union on Tuesday in Columbus. "They kept their word," Whitfield said.`,
);
const governorBare = story(
  'Docks Reopen',
  'River Times',
  `The docks in Columbus reopened on Wednesday. "We promised the Harbor Workers Union a fair deal," Mr. Whitfield told reporters, standing beside Senator Elena Brandt.`,
);
const unionAcronym = story(
  'Dockers Vote',
  'River Times',
  `Members of the HWU voted on Thursday in Columbus to accept the contract that Governor Whitfield signed and Senator Elena Brandt backed. "It is a good day," a spokesman for the HWU said.`,
);
const otherBrandt = story(
  'Mayor Opens Library',
  'Hill Gazette',
  `Mayor Thomas Brandt opened the new library in Dayton on Friday. "Books are for everyone," Brandt said.`,
);
const bareBrandt = story(
  'A Quiet Week',
  'Hill Gazette',
  `"We will look at it again in June," Brandt said on Saturday.`,
);
const nicknames = story(
  'Mayor and Governor Meet',
  'Lakeside Ledger',
  `Mayor Tom Brandt met Dan Whitfield in Dayton on Sunday. "We talked about the library," Tom Brandt said.`,
);

describe('one entity per real-world entity across articles', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const people = async () =>
    (
      await database.db
        .select({ id: entities.id, name: entities.name, description: entities.description })
        .from(entities)
        .where(sql`${entities.kind} = 'person' and ${entities.mergedIntoId} is null`)
    ).sort((a, b) => a.name.localeCompare(b.name));

  test('a middle initial, a title and an honorific with a bare surname land on one person', async () => {
    for (const a of [governorFull, governorShort, governorBare]) await ingestArticle(database.db, a);
    const whitfields = (await people()).filter((p) => p.name.includes('Whitfield'));
    expect(whitfields.map((p) => p.name)).toEqual(['Daniel R. Whitfield']);
    const { query } = createTestApp(database);
    const data = await query<{ entity: { quotes: { totalCount: number }; articleCount: number } }>(
      '{ entity(slug: "daniel-r-whitfield") { articleCount quotes { totalCount } } }',
    );
    expect(data.entity.articleCount).toBe(3);
    expect(data.entity.quotes.totalCount).toBe(3);
    // the bare surname was linked by its company, and the link says how sure it is
    const links = await database.db
      .select({ text: mentions.text, confidence: mentions.linkConfidence })
      .from(mentions)
      .innerJoin(entities, eq(entities.id, mentions.entityId))
      .where(eq(entities.name, 'Daniel R. Whitfield'));
    const bare = links.filter((l) => l.confidence < 1);
    expect(bare.length).toBeGreaterThan(0);
    for (const l of bare) expect(l.confidence).toBeGreaterThanOrEqual(0.5);
  });

  test('an acronym joins the organization whose initials it is', async () => {
    await ingestArticle(database.db, unionAcronym);
    const unions = await database.db
      .select({ name: entities.name })
      .from(entities)
      .where(
        sql`${entities.kind} = 'organization' and ${entities.mergedIntoId} is null and ${entities.name} in ('HWU', 'Harbor Workers Union')`,
      );
    expect(unions.map((u) => u.name)).toEqual(['Harbor Workers Union']);
  });

  test('two people who share a surname stay apart, and a bare surname between them says so', async () => {
    await ingestArticle(database.db, otherBrandt);
    await ingestArticle(database.db, bareBrandt);
    const brandts = (await people()).filter((p) => p.name.includes('Brandt'));
    expect(brandts.map((p) => p.name)).toEqual(['Brandt', 'Elena Brandt', 'Thomas Brandt']);
    const bare = brandts.find((p) => p.name === 'Brandt');
    expect(bare?.description).toMatch(/Elena Brandt/);
    expect(bare?.description).toMatch(/Thomas Brandt/);

    const report = await reresolveEntities(database.db, { dryRun: true });
    expect(report.merges.flatMap((m) => m.sources.map((s) => s.name))).not.toContain('Brandt');
    expect(report.ambiguous.map((a) => a.name)).toContain('Brandt');
  });

  test('a nickname joins the person with its formal given name, and no one else', async () => {
    await ingestArticle(database.db, nicknames);
    const names = (await people()).map((p) => p.name);
    expect(names.filter((n) => n.includes('Whitfield'))).toEqual(['Daniel R. Whitfield']);
    expect(names.filter((n) => n.includes('Brandt'))).toEqual(['Brandt', 'Elena Brandt', 'Thomas Brandt']);
    const { query } = createTestApp(database);
    const data = await query<{ entity: { quotes: { totalCount: number } } }>(
      '{ entity(slug: "thomas-brandt") { quotes { totalCount } } }',
    );
    expect(data.entity.quotes.totalCount).toBe(2);
  });
});

// Two people of one surname in the same company: the mayor quoted often, the senator once.
const senatorBrandt = story(
  'Port Money Debated',
  'Lakeside Ledger',
  `Senator Elena Brandt met the Harbor Workers Union in Columbus on Monday. "The port needs money," Elena Brandt said.`,
);
const mayorBrandt = (day: string) =>
  story(
    `Mayor Speaks on ${day}`,
    'Valley Courier',
    `Mayor Thomas Brandt spoke to the Harbor Workers Union in Columbus on ${day}. "The docks come first," Thomas Brandt said. Thomas Brandt later left for Dayton.`,
  );
const msBrandt = story(
  'Senator Backs Dockers',
  'River Times',
  `"We will find the money," Ms. Brandt told the Harbor Workers Union in Columbus on Friday. She said the vote would be close.`,
);
const mrBrandt = story(
  'Mayor Backs Dockers',
  'River Times',
  `"We will keep the docks open," Mr. Brandt told the Harbor Workers Union in Columbus on Saturday. He said the budget was ready.`,
);

describe('a bare surname of known gender', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
    for (const a of [
      senatorBrandt,
      mayorBrandt('Tuesday'),
      mayorBrandt('Wednesday'),
      mayorBrandt('Thursday'),
    ])
      await ingestArticle(database.db, a);
  });
  afterAll(async () => {
    await database.close();
  });

  const speakersOf = async (title: string) =>
    (
      await database.db
        .selectDistinct({ name: entities.name })
        .from(quotes)
        .innerJoin(articles, eq(articles.id, quotes.articleId))
        .innerJoin(entities, eq(entities.id, quotes.speakerId))
        .where(eq(articles.title, title))
    ).map((r) => r.name);

  test('links to the namesake of that gender, not to the one quoted most', async () => {
    await ingestArticle(database.db, msBrandt);
    expect(await speakersOf('Senator Backs Dockers')).toEqual(['Elena Brandt']);
    await ingestArticle(database.db, mrBrandt);
    expect(await speakersOf('Mayor Backs Dockers')).toEqual(['Thomas Brandt']);
    const people = await database.db
      .select({ name: entities.name })
      .from(entities)
      .where(sql`${entities.kind} = 'person' and ${entities.mergedIntoId} is null`);
    expect(people.map((p) => p.name).sort()).toEqual(['Elena Brandt', 'Thomas Brandt']);
  });
});

describe('npm run resolve over a database built before the name keys', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  test('merges variants and dominant bare surnames, keeps an editor’s rename, and records each merge', async () => {
    // the bare surname arrives first, as it can on any ingest order
    for (const a of [governorBare, governorFull, governorShort]) await ingestArticle(database.db, a);
    // as if stored before migration 0003: no keys, variants apart
    await database.db.update(entities).set({ matchKeys: [] });
    const [whitfield] = await database.db
      .select({ id: entities.id })
      .from(entities)
      .where(eq(entities.name, 'Daniel R. Whitfield'));
    const { query, editorHeaders } = createTestApp(database);
    const headers = await editorHeaders();
    await query(
      `mutation($id: ID!) { updateEntity(input: { id: $id, name: "Dan Whitfield" }) { userErrors { message } } }`,
      { id: Buffer.from(`Person:${whitfield?.id}`).toString('base64') },
      headers,
    );

    const report = await reresolveEntities(database.db);
    expect(report.keysUpdated).toBeGreaterThan(0);
    const names = (
      await database.db
        .select({ name: entities.name })
        .from(entities)
        .where(
          sql`${entities.kind} = 'person' and ${entities.mergedIntoId} is null and ${entities.name} like '%Whitfield%'`,
        )
    ).map((r) => r.name);
    expect(names).toEqual(['Dan Whitfield']);
    const data = await query<{ edits: unknown }>(
      '{ entity(slug: "daniel-r-whitfield") { name history(limit: 10) { action actor } } }',
    );
    expect(JSON.stringify(data)).toContain('npm run resolve');

    const again = await reresolveEntities(database.db);
    expect(again.merges).toEqual([]);
  });
});
