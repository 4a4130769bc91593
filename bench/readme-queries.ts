// The README's queries, as the read benchmarks send them (bench/scale.ts, bench/read-scale.ts).

/** The README's entity page for the entity with this slug. */
export const readmeEntityPage = (slug: string) => `{ entity(slug: "${slug}") {
    name kind aliases firstSeenAt lastSeenAt mentionCount quoteCount articleCount
    roles { title organization { name } article { title } }
    coMentions(first: 3) { count entity { name } }
    topOutlets(first: 3) { count outlet { name } }
    timeline(granularity: MONTH) { period mentions quotes }
    quotes(first: 2, filter: { kind: DIRECT, distinct: true }, orderBy: { field: PUBLISHED_AT, direction: ASC }) {
      totalCount nodes { text occurrenceCount firstReported { title } } } } }`;

/** The README's cross-reference: the first direct quote holding this phrase, and its echoes. */
export const readmeCrossReference = (
  phrase: string,
) => `{ quotes(first: 1, filter: { search: "\\"${phrase}\\"", kind: DIRECT }, orderBy: { field: PUBLISHED_AT, direction: ASC }) {
    nodes { text speaker { name } article { title publishedAt } occurrenceCount firstReported { title publishedAt }
      echoes(first: 5) { edges { similarity exact node { text article { title } } } } } } }`;
