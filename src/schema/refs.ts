import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../context';
import { type ArticleRow, type ArticleText, loadArticles, loadArticleTexts } from '../loaders/articles';
import { type EntityRow, loadEntities } from '../loaders/entities';
import type { EntityCounts, RoleRow } from '../loaders/entity-details';
import { loadQuotes, type QuoteRow } from '../loaders/quotes';
import { builder } from './builder';
import { readDb } from './reads';

// Refs live apart from the types that implement them so that type files can point at each
// other without circular imports.
const parseId = (id: string) => Number(id);

export const EntityRef = builder.loadableInterfaceRef<EntityRow | null, number, number, EntityRow>('Entity', {
  load: (ids: number[], ctx) => loadEntities(readDb(ctx), ids),
});

const entityNode = (name: 'Person' | 'Organization' | 'Place') =>
  builder.loadableNodeRef<EntityRow | null, number, number, number, EntityRow>(name, {
    id: { resolve: (e: EntityRow) => e.id, parse: parseId },
    load: (ids: number[], ctx) => loadEntities(readDb(ctx), ids),
  });

export const PersonRef = entityNode('Person');
export const OrganizationRef = entityNode('Organization');
export const PlaceRef = entityNode('Place');

export const ArticleRef = builder.loadableNodeRef<ArticleRow | null, number, number, number, ArticleRow>(
  'Article',
  {
    id: { resolve: (a: ArticleRow) => a.id, parse: parseId },
    load: (ids: number[], ctx) => loadArticles(readDb(ctx), ids),
  },
);

export const QuoteRef = builder.loadableNodeRef<QuoteRow | null, number, number, number, QuoteRow>('Quote', {
  id: { resolve: (q: QuoteRow) => q.id, parse: parseId },
  load: (ids: number[], ctx) => loadQuotes(readDb(ctx), ids),
});

export const RoleRef = builder.objectRef<RoleRow>('Role');
export type { ArticleRow, EntityCounts, EntityRow, QuoteRow, RoleRow };

/**
 * Person, Organization and Place fields load through the one Entity loader, so that speakers,
 * outlets and quote subjects asked for at the same depth share a batch and a cache.
 */
export function loadEntity(ctx: Context, id: number | null): Promise<EntityRow | null> | null {
  return id == null ? null : EntityRef.getDataloader(ctx).load(id);
}

const articleTextLoader = createContextCache(
  (ctx: Context) => new DataLoader((ids: readonly number[]) => loadArticleTexts(readDb(ctx), ids)),
);

/** An article's body and paragraphs: its own, or read now when it was read without them. */
export async function articleTextOf(ctx: Context, article: ArticleRow): Promise<ArticleText> {
  const { body, paragraphs } = article;
  if (body !== undefined && paragraphs !== undefined) return { body, paragraphs };
  return (await articleTextLoader(ctx).load(article.id)) ?? { body: '', paragraphs: [] };
}
