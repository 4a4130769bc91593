import { readdirSync, readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { analyzeOperation } from '../../src/limits/query-cost';
import { schema } from '../../src/schema';
import { DEFAULT_PAGE_SIZE } from '../../src/schema/pagination';
import { defaultAppOptions } from '../../src/yoga';

const model = { defaultPageSize: DEFAULT_PAGE_SIZE, unsizedListSize: DEFAULT_PAGE_SIZE };
const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  return analyzeOperation(schema, document, undefined, variables, model).cost;
};

/** Adds __typename to every selection set, as Apollo Client and urql do. */
const withTypename = (query: string) => query.replace(/\{/g, '{ __typename ');

const entityPage = `query($slug: String!, $quotes: Int = 20, $echoes: Int = 10) {
  entity(slug: $slug) {
    id name slug kind aliases description wikidataId mentionCount articleCount quoteCount firstSeenAt lastSeenAt
    roles { title organization { id name } place { id name } article { id title } }
    coMentions(first: 10) { count entity { id name slug } }
    topOutlets(first: 5) { count outlet { id name } }
    timeline(granularity: MONTH) { period mentions articles quotes }
    quotes(first: $quotes) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes {
        id text kind confidence context occurrenceCount
        speaker { id name } speakerRole { title organization { name } }
        article { id title publishedAt outlet { name } }
        about { id name }
        echoes(first: $echoes) { edges { similarity exact node { id text article { title outlet { name } } } } }
      }
    }
  }
}`;

test('scalars and __typename cost nothing; objects count once each, connections multiply by their page size', () => {
  expect(costOf('{ quotes(first: 5) { totalCount nodes { text } } }')).toBe(5);
  expect(costOf('{ quotes(first: 5) { nodes { text speaker { name } } } }')).toBe(10);
  expect(costOf(withTypename('{ quotes(first: 5) { nodes { text speaker { name } } } }'))).toBe(10);
  expect(costOf('{ quotes { nodes { text } } }')).toBe(DEFAULT_PAGE_SIZE);
  expect(costOf('query($n: Int) { quotes(last: $n) { edges { node { text } } } }', { n: 7 })).toBe(7);
});

test('page sizes given as variables count as much as literals', () => {
  const literal = '{ quotes(first: 100) { nodes { speaker { quotes(first: 100) { nodes { text } } } } } }';
  const variables =
    'query($n: Int) { quotes(first: $n) { nodes { speaker { quotes(first: $n) { nodes { text } } } } } }';
  expect(costOf(variables, { n: 100 })).toBe(costOf(literal));
  expect(costOf(literal)).toBe(100 + 100 + 100 * 100);
});

test('the entity page with 20 quotes of 10 echoes each passes, with or without __typename', () => {
  const plain = costOf(entityPage, { slug: 'x' });
  expect(costOf(withTypename(entityPage), { slug: 'x' })).toBe(plain);
  expect(plain).toBeLessThanOrEqual(defaultAppOptions.maxCost);
});

test('100 × 100 × 100 nested connections are over the limit, literal or variable', () => {
  const nested = `query($n: Int) { quotes(first: $n) { nodes { speaker { quotes(first: $n) { nodes {
      speaker { quotes(first: $n) { nodes { text } } } } } } } } }`;
  expect(costOf(nested, { n: 100 })).toBeGreaterThan(1_000_000);
  expect(costOf(nested, { n: 100 })).toBeGreaterThan(defaultAppOptions.maxCost);
});

test('fragments spread inside fragments are measured without expanding them', () => {
  // each level spreads the next twice: expanded, 25 levels would be 2^25 selections
  const levels = Array.from(
    { length: 25 },
    (_, i) =>
      `fragment F${i} on Quote { a: echoes(first: 2) { nodes { ...F${i + 1} } } b: echoes(first: 2) { nodes { ...F${i + 1} } } }`,
  );
  const query = `{ quotes(first: 1) { nodes { ...F0 } } } ${levels.join('\n')} fragment F25 on Quote { text }`;
  expect(costOf(query)).toBeGreaterThan(4 ** 25);
});

test('every query in the README and docs/ is within the limit', () => {
  const files = ['README.md', ...readdirSync('docs').map((f) => `docs/${f}`)].filter((f) =>
    f.endsWith('.md'),
  );
  let checked = 0;
  for (const file of files) {
    const blocks = readFileSync(file, 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g);
    for (const [, query] of blocks) {
      const document = parse(query ?? '');
      if (validate(schema, document).length) continue;
      const { cost } = analyzeOperation(schema, document, undefined, {}, model);
      expect({ file, cost: Math.min(cost, defaultAppOptions.maxCost + 1) }).toEqual({
        file,
        cost: Math.min(cost, defaultAppOptions.maxCost),
      });
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(5);
});
