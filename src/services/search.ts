import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, entities, entityAliases, quotes } from '../db/schema';
import { rowsOf } from './echoes';
import { normalizeName } from './normalize';

export type SearchKind = 'article' | 'quote' | 'entity';
export const SEARCH_KINDS: readonly SearchKind[] = ['article', 'quote', 'entity'];
export const MAX_QUERY_LENGTH = 500;

export interface SearchCursor {
  score: number;
  kind: SearchKind;
  id: number;
}

export interface SearchHit extends SearchCursor {
  /** Plain text made HTML-safe, matches wrapped in <mark>…</mark>. */
  snippet: string;
}

export interface SearchInput {
  query: string;
  kinds: readonly SearchKind[];
}

// ts_headline marks matches with control characters that article text cannot contain, so that
// the text can be HTML-escaped afterwards and the marks turned into <mark> tags safely.
const START = '\u0002';
const STOP = '\u0003';
const headlineOptions = (extra: string) => `StartSel=${START}, StopSel=${STOP}, ${extra}`;
const ARTICLE_HEADLINE = headlineOptions('MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "');
const QUOTE_HEADLINE = headlineOptions('HighlightAll=true');

// Six decimals are plenty to rank by and keep cursors readable; the cursor compares the rounded value.
const score = (expr: SQL) => sql`round((${expr})::numeric, 6)::float8`;

/**
 * How many articles, and how many quotes, a search ranks: the newest matches of each kind. A
 * common word matches most of a large corpus, and ranking reads every row it ranks (ts_rank
 * over 700,000 of a million generated articles took seconds); the newest matches are found by
 * walking the date index when matches are dense and by the GIN index when they are rare.
 */
export const SEARCH_CANDIDATES = 1000;

/**
 * Every hit with its score in one relation: the newest SEARCH_CANDIDATES matching articles and
 * quotes by full-text match (ts_rank with normalization 32, rank/(rank+1), so 0–1), entities by
 * the trigram similarity of the query to their best-matching name or alias (0–1, misspellings
 * tolerated). `%` and `<%` use pg_trgm's default thresholds (0.3 and 0.6) and the GIN index on
 * normalized_alias.
 */
function hits(input: SearchInput): SQL {
  const tsq = sql`websearch_to_tsquery('english', ${input.query})`;
  const name = normalizeName(entityWords(input.query));
  const parts: SQL[] = [];
  if (input.kinds.includes('article')) {
    parts.push(sql`select 'article'::text, c.id, ${score(sql`ts_rank(c.search_vector, ${tsq}, 32)`)}
      from (select ${articles.id}, ${articles.searchVector} from ${articles} where ${articles.searchVector} @@ ${tsq}
        order by ${articles.publishedAt} desc, ${articles.id} desc limit ${sql.raw(String(SEARCH_CANDIDATES))}) c`);
  }
  if (input.kinds.includes('quote')) {
    parts.push(sql`select 'quote'::text, c.id, ${score(sql`ts_rank(c.search_vector, ${tsq}, 32)`)}
      from (select ${quotes.id}, ${quotes.searchVector} from ${quotes} where ${quotes.searchVector} @@ ${tsq}
        order by ${quotes.articleDate} desc, ${quotes.id} desc limit ${sql.raw(String(SEARCH_CANDIDATES))}) c`);
  }
  if (input.kinds.includes('entity') && name) {
    parts.push(sql`select 'entity'::text, ${entities.id},
        ${score(sql`max(greatest(similarity(${entityAliases.normalizedAlias}, ${name}), word_similarity(${name}, ${entityAliases.normalizedAlias})))`)}
      from ${entityAliases} join ${entities} on ${entities.id} = ${entityAliases.entityId}
      where (${entityAliases.normalizedAlias} % ${name} or ${name} <% ${entityAliases.normalizedAlias})
        and ${entities.mergedIntoId} is null
      group by ${entities.id}`);
  }
  if (!parts.length)
    return sql`select null::text as kind, null::int as id, null::float8 as score where false`;
  return sql.join(parts, sql` union all `);
}

/** Entities have no full-text syntax: their match uses the query's words without quotes, OR and -exclusions. */
function entityWords(query: string): string {
  return query
    .replace(/(^|\s)-\S+/g, ' ')
    .replace(/\bOR\b/g, ' ')
    .replace(/"/g, ' ');
}

export interface SearchPageBounds {
  limit: number;
  after?: SearchCursor;
  before?: SearchCursor;
  /** Read from the end (last/before): the rows come worst first and the caller turns them round. */
  inverted?: boolean;
}

const position = (cursor: SearchCursor) =>
  sql`(${cursor.score}::float8, ${cursor.kind}::text, ${cursor.id}::int)`;

export interface SearchResultPage {
  hits: SearchHit[];
  /** What countSearch would say, read from the same statement; unknown when the page is empty. */
  total?: number;
}

export async function searchPage(
  db: Db,
  input: SearchInput,
  page: SearchPageBounds,
): Promise<SearchResultPage> {
  const bounds = [
    page.after ? sql`(h.score, h.kind, h.id) < ${position(page.after)}` : undefined,
    page.before ? sql`(h.score, h.kind, h.id) > ${position(page.before)}` : undefined,
  ].filter((b) => b !== undefined);
  const where = bounds.length ? sql`where ${sql.join(bounds, sql` and `)}` : sql``;
  const order = page.inverted ? sql`asc` : sql`desc`;
  const tsq = sql`websearch_to_tsquery('english', ${input.query})`;
  // the hits are bounded (SEARCH_CANDIDATES), so counting them beside the page costs nothing more
  // than the page itself, where a second statement would find them all again
  const result = await db.execute(sql`
    with h(kind, id, score) as materialized (${hits(input)})
    select p.kind, p.id, p.score, p.total,
      case p.kind
        when 'article' then ts_headline('english', a.body, ${tsq}, ${ARTICLE_HEADLINE})
        when 'quote' then ts_headline('english', q.text, ${tsq}, ${QUOTE_HEADLINE})
        else (select ${START} || e.name || ${STOP} from ${entities} e where e.id = p.id)
      end as snippet
    from (
      select h.kind, h.id, h.score, (select count(*)::int from h) as total from h ${where}
      order by h.score ${order}, h.kind ${order}, h.id ${order}
      limit ${page.limit}
    ) p
    left join ${articles} a on p.kind = 'article' and a.id = p.id
    left join ${quotes} q on p.kind = 'quote' and q.id = p.id
    order by p.score ${order}, p.kind ${order}, p.id ${order}`);
  const rows = rowsOf<{ kind: SearchKind; id: number; score: number; total: number; snippet: string | null }>(
    result,
  );
  return {
    hits: rows.map((r) => ({
      kind: r.kind,
      id: Number(r.id),
      score: Number(r.score),
      snippet: markSnippet(r.snippet ?? ''),
    })),
    total: rows[0] ? Number(rows[0].total) : undefined,
  };
}

export async function countSearch(db: Db, input: SearchInput): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from (${hits(input)}) h(kind, id, score)`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

function markSnippet(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replaceAll(START, '<mark>')
    .replaceAll(STOP, '</mark>');
}
