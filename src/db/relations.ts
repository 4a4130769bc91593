import { relations } from 'drizzle-orm';
import { articles, edits, entities, entityAliases, mentions, quoteAbout, quotes, roles } from './schema';

export const entitiesRelations = relations(entities, ({ one, many }) => ({
  mergedInto: one(entities, { fields: [entities.mergedIntoId], references: [entities.id] }),
  aliases: many(entityAliases),
  mentions: many(mentions),
}));

export const entityAliasesRelations = relations(entityAliases, ({ one }) => ({
  entity: one(entities, { fields: [entityAliases.entityId], references: [entities.id] }),
}));

export const articlesRelations = relations(articles, ({ one, many }) => ({
  outlet: one(entities, { fields: [articles.outletId], references: [entities.id] }),
  mentions: many(mentions),
  quotes: many(quotes),
}));

export const mentionsRelations = relations(mentions, ({ one }) => ({
  article: one(articles, { fields: [mentions.articleId], references: [articles.id] }),
  entity: one(entities, { fields: [mentions.entityId], references: [entities.id] }),
}));

export const rolesRelations = relations(roles, ({ one }) => ({
  person: one(entities, { fields: [roles.personId], references: [entities.id] }),
  article: one(articles, { fields: [roles.articleId], references: [articles.id] }),
}));

export const quotesRelations = relations(quotes, ({ one, many }) => ({
  article: one(articles, { fields: [quotes.articleId], references: [articles.id] }),
  speaker: one(entities, { fields: [quotes.speakerId], references: [entities.id] }),
  about: many(quoteAbout),
}));

export const quoteAboutRelations = relations(quoteAbout, ({ one }) => ({
  quote: one(quotes, { fields: [quoteAbout.quoteId], references: [quotes.id] }),
  entity: one(entities, { fields: [quoteAbout.entityId], references: [entities.id] }),
}));

export const editsRelations = relations(edits, ({ one }) => ({
  entity: one(entities, { fields: [edits.entityId], references: [entities.id] }),
  quote: one(quotes, { fields: [edits.quoteId], references: [quotes.id] }),
}));
