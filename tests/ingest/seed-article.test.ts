import { readFileSync } from 'node:fs';
import { sameName } from '../../src/ingest/evaluation';
import { extract } from '../../src/ingest/extract';
import type { ExtractedEntity, Extraction } from '../../src/ingest/types';

interface SeedGold {
  quotes: { speaker: string; span: [number, number] }[];
  reported: { speaker: string; span: [number, number] }[];
  entities: Record<'person' | 'organization' | 'place', Record<string, string[]>>;
  roles: { person: string; title: string; organization?: string; place?: string }[];
}

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
const text = readFileSync(fixture('seed-article.txt'), 'utf8');
const gold = JSON.parse(readFileSync(fixture('seed-article.gold.json'), 'utf8')) as SeedGold;
const result: Extraction = extract(text);

const overlap = (a: [number, number], b: { start: number; end: number }) =>
  Math.max(0, Math.min(a[1], b.end) - Math.max(a[0], b.start));
const bare = (s: string) => s.toLowerCase().replace(/^the\s+/, '');
const namesOf = (e: ExtractedEntity) => [e.name, ...e.aliases].map(bare);
const entityNamed = (name: string) =>
  result.entities.find(
    (e) => namesOf(e).includes(bare(name)) || (e.kind === 'person' && sameName(e.name, name)),
  );
const nameOfKey = (key: string | null) => result.entities.find((e) => e.key === key)?.name ?? null;

describe('the seed article', () => {
  test.each(gold.quotes.map((q) => [q.span.join('-'), q] as const))(
    'direct quote %s has its speaker',
    (_, q) => {
      const match = result.quotes.find(
        (p) => p.kind !== 'indirect' && overlap(q.span, p) >= 0.5 * (q.span[1] - q.span[0]),
      );
      expect(match).toBeDefined();
      expect(sameName(nameOfKey(match?.speakerKey ?? null), q.speaker)).toBe(true);
    },
  );

  test('exactly the six gold quotes are direct (the scare-quoted word is partial)', () => {
    const direct = result.quotes.filter((q) => q.kind === 'direct');
    expect(direct).toHaveLength(6);
  });

  test.each(gold.reported.map((r) => [r.span.join('-'), r] as const))(
    'reported statement %s is found',
    (_, r) => {
      const match = result.quotes.find(
        (p) => p.kind === 'indirect' && overlap(r.span, p) >= 0.3 * (r.span[1] - r.span[0]),
      );
      expect(match).toBeDefined();
      const speaker = nameOfKey(match?.speakerKey ?? null);
      expect(sameName(speaker, r.speaker) || bare(speaker ?? '') === bare(r.speaker)).toBe(true);
    },
  );

  const goldEntities = (['person', 'organization', 'place'] as const).flatMap((kind) =>
    Object.entries(gold.entities[kind]).map(([name, aliases]) => [kind, name, aliases] as const),
  );
  test.each(goldEntities)('%s %s is found with its aliases', (kind, name, aliases) => {
    const entity = entityNamed(name) ?? aliases.map(entityNamed).find(Boolean);
    expect(entity?.kind).toBe(kind);
    // aliases that are a part of the name ("DeCamp" of "Dave DeCamp") may stay implicit
    const spelledOut = aliases.filter((a) => !name.includes(a) && !a.includes(name));
    for (const alias of spelledOut) expect(entity && namesOf(entity)).toContain(bare(alias));
  });

  test.each(gold.roles.map((r) => [r.person, r] as const))('the role of %s is found', (_, role) => {
    const person = entityNamed(role.person);
    const found = result.roles.filter(
      (r) => r.personKey === person?.key && r.title.toLowerCase() === role.title.toLowerCase(),
    );
    expect(found.length).toBeGreaterThan(0);
    if (role.organization)
      expect(
        found.some((r) => nameOfKey(r.organizationKey) === entityNamed(role.organization ?? '')?.name),
      ).toBe(true);
    if (role.place) expect(found.some((r) => nameOfKey(r.placeKey) === role.place)).toBe(true);
  });

  test('offsets point into the text as given', () => {
    for (const q of result.quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
    for (const e of result.entities) for (const m of e.mentions) expect(m.end).toBeGreaterThan(m.start);
  });
});
