import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { GraphQLError, GraphQLScalarType, valueFromASTUntyped } from 'graphql';
import type { Context } from '../../context';
import { alignBy } from '../../loaders/align';
import {
  type CurationResult,
  deleteArticle,
  type EditAction,
  type EditRow,
  type InputProblem,
  loadEdits,
  loadEntityHistory,
  loadMergedFrom,
  loadQuoteHistory,
  mergeEntities,
  reattributeQuote,
  updateEntity,
} from '../../services/curation';
import { countEdits, type EditFilter, editKeyset, findEdits } from '../../services/edit-query';
import { requireEditor } from '../auth';
import { builder } from '../builder';
import { badInput, type UserError, UserErrorType } from '../errors';
import { decodeId } from '../ids';
import { keysetConnection } from '../pagination';
import { ArticleRef, EntityRef, type EntityRow, QuoteRef } from '../refs';

const entityTypes = new Set(['Person', 'Organization', 'Place']);
const DEFAULT_HISTORY = 20;
const MAX_HISTORY = 100;

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

const JsonScalar = builder.addScalarType(
  'JSON',
  new GraphQLScalarType({
    name: 'JSON',
    description: 'Any JSON value.',
    serialize: (value) => value,
    parseValue: (value) => value,
    parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
  }),
);

export const EditActionEnum = builder.enumType('EditAction', {
  description: 'The mutation an edit records.',
  values: {
    MERGE_ENTITIES: { value: 'merge_entities', description: 'mergeEntities' },
    UPDATE_ENTITY: { value: 'update_entity', description: 'updateEntity' },
    REATTRIBUTE_QUOTE: { value: 'reattribute_quote', description: 'reattributeQuote' },
    DELETE_ARTICLE: { value: 'delete_article', description: 'deleteArticle' },
  } as const,
});

export const EditRef = builder.loadableNodeRef<EditRow | null, number, number, number, EditRow>('Edit', {
  id: { resolve: (e: EditRow) => e.id, parse: (id: string) => Number(id) },
  load: async (ids: number[], ctx) => alignBy(ids, await loadEdits(ctx.db, ids), (e) => e.id),
});

EditRef.implement({
  description: "One editor's change, as the audit trail keeps it.",
  fields: (t) => ({
    action: t.field({
      type: EditActionEnum,
      description: 'What was done.',
      resolve: (e) => e.action as EditAction,
    }),
    actor: t.exposeString('actor', { nullable: false, description: 'The name of the API key that made it.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When.', resolve: (e) => e.createdAt }),
    before: t.field({
      type: JsonScalar,
      nullable: true,
      description: 'What it changed, as it was.',
      resolve: (e) => e.before,
    }),
    after: t.field({
      type: JsonScalar,
      nullable: true,
      description: 'What it changed, as it became.',
      resolve: (e) => e.after,
    }),
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity it changed (for a merge, the target); null for other edits.',
      resolve: (e) => e.entityId,
    }),
    quote: t.field({
      type: QuoteRef,
      nullable: true,
      description: 'The quote it re-attributed; null for other edits, or once its article is deleted.',
      resolve: (e) => e.quoteId,
    }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: 'Null once the article is deleted; `before` still says what it was.',
      resolve: (e) => e.articleId,
    }),
  }),
});

function historyLimit(limit: number | null | undefined): number {
  const value = limit ?? DEFAULT_HISTORY;
  if (!Number.isInteger(value) || value < 1 || value > MAX_HISTORY) {
    throw badInput('limit', `must be between 1 and ${MAX_HISTORY} (got ${value})`);
  }
  return value;
}

type HistoryLoad = (db: Context['db'], ids: readonly number[], limit: number) => Promise<EditRow[][]>;

const historyLoaders = (load: HistoryLoad) =>
  createContextCache((ctx: Context) => {
    const byLimit = new Map<number, DataLoader<number, EditRow[]>>();
    return (limit: number) => {
      let loader = byLimit.get(limit);
      if (!loader) {
        loader = new DataLoader((ids: readonly number[]) => load(ctx.db, ids, limit));
        byLimit.set(limit, loader);
      }
      return loader;
    };
  });

const entityHistory = historyLoaders(loadEntityHistory);
const quoteHistory = historyLoaders(loadQuoteHistory);

builder.interfaceFields(EntityRef, (t) => ({
  mergedFrom: t.loadableList({
    type: EntityRef,
    nullable: false,
    description: 'The entities merged into this one; their IDs and slugs now resolve to it.',
    load: (ids: number[], ctx) => loadMergedFrom(ctx.db, ids),
    resolve: (e) => e.id,
  }),
  history: t.field({
    type: [EditRef],
    nullable: false,
    description: 'Editor changes to it and to the entities merged into it, newest first.',
    args: { limit: t.arg.int({ defaultValue: DEFAULT_HISTORY, description: `At most ${MAX_HISTORY}.` }) },
    resolve: (e, args, ctx) => entityHistory(ctx)(historyLimit(args.limit)).load(e.id),
  }),
}));

builder.objectFields(QuoteRef, (t) => ({
  attributionEdited: t.exposeBoolean('attributionEdited', {
    nullable: false,
    description: 'Whether an editor set the speaker by hand; ingestion never changes it back.',
  }),
  history: t.field({
    type: [EditRef],
    nullable: false,
    description: 'Editor changes to it, newest first.',
    args: { limit: t.arg.int({ defaultValue: DEFAULT_HISTORY, description: `At most ${MAX_HISTORY}.` }) },
    resolve: (q, args, ctx) => quoteHistory(ctx)(historyLimit(args.limit)).load(q.id),
  }),
}));

/** A malformed or foreign ID is an input problem like an unknown one: it goes to userErrors. */
function decodeInputId(
  problems: UserError[],
  field: string,
  globalId: string | number,
  typenames: Set<string> | string,
): number | null {
  try {
    return decodeId(field, globalId, typenames);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    problems.push({ field, message: error.message.replace(`${field}: `, '') });
    return null;
  }
}

interface Payload<T> {
  value: T | null;
  edit: EditRow | null;
  userErrors: UserError[];
}

function toPayload<T>(result: CurationResult<T>): Payload<T> {
  return result.ok
    ? { value: result.value, edit: result.edit, userErrors: [] }
    : { value: null, edit: null, userErrors: result.problems satisfies InputProblem[] };
}

const rejected = (userErrors: UserError[]) => ({ value: null, edit: null, userErrors });

function payloadFields<T>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Payload<T>>) {
  return {
    edit: t.field({
      type: EditRef,
      nullable: true,
      description: 'The audit-trail entry it wrote; null when it was rejected.',
      resolve: (p) => p.edit,
    }),
    userErrors: t.field({
      type: [UserErrorType],
      description: 'What was wrong with the input; empty when it was done.',
      resolve: (p) => p.userErrors,
    }),
  };
}

const MAX_MERGE_SOURCES = 50;

const MergeEntitiesInput = builder.inputType('MergeEntitiesInput', {
  description: 'Which entities to fold into which.',
  fields: (t) => ({
    target: t.id({ required: true, description: 'The entity that stays.' }),
    sources: t.idList({
      required: true,
      description: `The entities folded into it, of the same kind; at most ${MAX_MERGE_SOURCES}.`,
    }),
  }),
});

const MergeEntitiesPayload = builder
  .objectRef<Payload<{ target: EntityRow }>>('MergeEntitiesPayload')
  .implement({
    description: 'The result of mergeEntities.',
    fields: (t) => ({
      entity: t.field({
        type: EntityRef,
        nullable: true,
        description: 'The target, after the merge.',
        resolve: (p) => p.value?.target ?? null,
      }),
      ...payloadFields(t),
    }),
  });

const UpdateEntityInput = builder.inputType('UpdateEntityInput', {
  description: 'Fields left out stay as they are; null clears description and wikidataId.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The entity to edit.' }),
    name: t.string({ description: 'The new name; the slug stays, and the name becomes an alias.' }),
    description: t.string({ description: 'A line about it, at most 2,000 characters; null clears it.' }),
    wikidataId: t.string({ description: 'A Wikidata item ID, e.g. Q42.' }),
    addAliases: t.stringList({ description: 'Names to add as editor aliases.' }),
    removeAliases: t.stringList({
      description: 'Aliases to remove, matched ignoring case, accents and punctuation.',
    }),
  }),
});

const UpdateEntityPayload = builder.objectRef<Payload<EntityRow>>('UpdateEntityPayload').implement({
  description: 'The result of updateEntity.',
  fields: (t) => ({
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity as edited; null when rejected.',
      resolve: (p) => p.value,
    }),
    ...payloadFields(t),
  }),
});

const ReattributeQuoteInput = builder.inputType('ReattributeQuoteInput', {
  description: 'A quote and who said it.',
  fields: (t) => ({
    quote: t.id({ required: true, description: 'The quote.' }),
    speaker: t.id({
      description: 'The entity that said it; null (given explicitly) marks the quote unattributed.',
    }),
  }),
});

const ReattributeQuotePayload = builder
  .objectRef<Payload<{ quoteId: number }>>('ReattributeQuotePayload')
  .implement({
    description: 'The result of reattributeQuote.',
    fields: (t) => ({
      quote: t.field({
        type: QuoteRef,
        nullable: true,
        description: 'The quote as re-attributed; null when rejected.',
        resolve: (p) => p.value?.quoteId ?? null,
      }),
      ...payloadFields(t),
    }),
  });

const DeleteArticleInput = builder.inputType('DeleteArticleInput', {
  description: 'The article to delete.',
  fields: (t) => ({ id: t.id({ required: true, description: "The article's global ID." }) }),
});

const DeleteArticlePayload = builder
  .objectRef<Payload<{ articleId: number }>>('DeleteArticlePayload')
  .implement({
    description: 'The result of deleteArticle.',
    fields: (t) => ({
      deletedArticleId: t.globalID({
        nullable: true,
        description: 'The ID the article had; null when rejected.',
        resolve: (p) => (p.value ? { type: 'Article', id: String(p.value.articleId) } : null),
      }),
      ...payloadFields(t),
    }),
  });

builder.mutationFields((t) => ({
  mergeEntities: t.field({
    type: MergeEntitiesPayload,
    description:
      'Folds duplicate entities into one: their aliases, mentions, quotes, roles and outlet articles move to the target, and their IDs and slugs resolve to it from then on. Needs an editor API key.',
    args: { input: t.arg({ type: MergeEntitiesInput, required: true, description: 'What to merge.' }) },
    resolve: async (_root, { input }, ctx) => {
      const key = await requireEditor(ctx);
      const problems: UserError[] = [];
      if (input.sources.length > MAX_MERGE_SOURCES) {
        return rejected([
          { field: 'input.sources', message: `give at most ${MAX_MERGE_SOURCES} entities at once` },
        ]);
      }
      const targetId = decodeInputId(problems, 'input.target', input.target, entityTypes);
      const sourceIds = input.sources.map((id, i) =>
        decodeInputId(problems, `input.sources[${i}]`, id, entityTypes),
      );
      if (targetId === null || problems.length) return rejected(problems);
      return toPayload(
        await mergeEntities(ctx.db, key, {
          targetId,
          sourceIds: sourceIds.filter((id): id is number => id !== null),
        }),
      );
    },
  }),
  updateEntity: t.field({
    type: UpdateEntityPayload,
    description: "Edits an entity's name, description, Wikidata ID and aliases. Needs an editor API key.",
    args: { input: t.arg({ type: UpdateEntityInput, required: true, description: 'What to change.' }) },
    resolve: async (_root, { input }, ctx) => {
      const key = await requireEditor(ctx);
      const problems: UserError[] = [];
      const id = decodeInputId(problems, 'input.id', input.id, entityTypes);
      if (id === null) return rejected(problems);
      return toPayload(await updateEntity(ctx.db, key, { ...input, id }));
    },
  }),
  reattributeQuote: t.field({
    type: ReattributeQuotePayload,
    description:
      'Sets who said a quote, or marks it unattributed. Ingesting the article again does not undo it. Needs an editor API key.',
    args: {
      input: t.arg({
        type: ReattributeQuoteInput,
        required: true,
        description: 'The quote and its speaker.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const key = await requireEditor(ctx);
      const problems: UserError[] = [];
      const quoteId = decodeInputId(problems, 'input.quote', input.quote, 'Quote');
      let speakerId: number | null = null;
      if (input.speaker === undefined) {
        problems.push({
          field: 'input.speaker',
          message: "give the speaker's ID, or null to mark the quote unattributed",
        });
      } else if (input.speaker !== null) {
        speakerId = decodeInputId(problems, 'input.speaker', input.speaker, entityTypes);
      }
      if (quoteId === null || problems.length) return rejected(problems);
      return toPayload(await reattributeQuote(ctx.db, key, { quoteId, speakerId }));
    },
  }),
  deleteArticle: t.field({
    type: DeleteArticlePayload,
    description:
      'Deletes an article with its mentions, quotes and roles; the audit trail keeps its title and URL. Needs an editor API key.',
    args: { input: t.arg({ type: DeleteArticleInput, required: true, description: 'What to delete.' }) },
    resolve: async (_root, { input }, ctx) => {
      const key = await requireEditor(ctx);
      const problems: UserError[] = [];
      const articleId = decodeInputId(problems, 'input.id', input.id, 'Article');
      if (articleId === null) return rejected(problems);
      return toPayload(await deleteArticle(ctx.db, key, { articleId }));
    },
  }),
}));

const EditFilterInput = builder.inputType('EditFilter', {
  description: 'Conditions an edit must all meet.',
  fields: (t) => ({
    entity: t.id({ description: 'Edits of this entity (for a merge, its target).' }),
    article: t.id({ description: 'Edits of this article, its deletion included.' }),
    action: t.field({ type: EditActionEnum, description: 'Only edits made by this mutation.' }),
    actor: t.string({ description: 'Only edits made with the API key of this name.' }),
  }),
});

const EditConnection = builder.connectionObject(
  {
    type: EditRef,
    name: 'EditConnection',
    description: 'A page of the audit trail.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many edits the whole list has.',
        resolve: (c) => (c as unknown as { totalCount(): Promise<number> }).totalCount(),
      }),
    }),
  },
  { description: 'An edit with its cursor.' },
);

builder.queryFields((t) => ({
  edits: t.field({
    type: EditConnection,
    description: "The audit trail of editors' changes, newest first; deleted articles' entries included.",
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: EditFilterInput, description: 'Only edits meeting every condition given.' }),
    },
    resolve: (_root, args, ctx) => {
      const f = args.filter;
      const filter: EditFilter = {
        entityId: f?.entity != null ? decodeId('filter.entity', f.entity, entityTypes) : undefined,
        articleId: f?.article != null ? decodeId('filter.article', f.article, 'Article') : undefined,
        action: f?.action ?? undefined,
        actor: f?.actor ?? undefined,
      };
      return keysetConnection('Query.edits', args, editKeyset, (page) => findEdits(ctx.db, filter, page), {
        totalCount: () => countEdits(ctx.db, filter),
      });
    },
  }),
}));
