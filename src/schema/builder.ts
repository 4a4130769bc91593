import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import type { Context } from '../context';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string | number };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [RelayPlugin, DataloaderPlugin],
  // a field is non-null unless it says otherwise: clients get `string`, not `string | null`, for
  // what always exists
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false, description: 'The page, each item with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    nodesOnConnection: { description: 'The page, without cursors.' },
    cursorFieldOptions: { description: "This item's place in the list: pass it as after or before." },
    pageInfoFieldOptions: { description: 'Where this page stands in the list.' },
    pageInfoTypeOptions: { description: 'Where a page stands in its list (Relay cursor connections).' },
    hasNextPageFieldOptions: { description: 'Whether there are items after this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether there are items before this page.' },
    startCursorFieldOptions: { description: "The first item's cursor; null when the page is empty." },
    endCursorFieldOptions: { description: "The last item's cursor; null when the page is empty." },
    firstArgOptions: {
      description:
        'Items from the start (or after `after`): 0 to 100, 20 when neither first nor last is given.',
    },
    lastArgOptions: { description: 'Items from the end (or before `before`): 0 to 100.' },
    afterArgOptions: { description: 'A cursor of this list: the page starts after it.' },
    beforeArgOptions: { description: 'A cursor of this list: the page ends before it.' },
    idFieldOptions: { description: 'The global ID, for node(id:) and every argument that takes an ID.' },
    nodeTypeOptions: { description: 'Anything with a global ID, fetched by node(id:) or nodes(ids:).' },
    nodeQueryOptions: {
      description: 'Anything by global ID; null when there is no such thing.',
      args: { id: { description: 'A global ID, as returned by an id field.' } },
    },
    nodesQueryOptions: {
      description: 'Several things by global ID, in the order given; null for each one that does not exist.',
      args: { ids: { description: 'Global IDs, at most 100.' } },
    },
    // node(id:)/nodes(ids:) with a malformed ID, or one whose number no table can hold, are the
    // caller's mistake, named as such instead of failing in SQL
    decodeGlobalID: (globalId: string) => {
      let decoded: { typename: string; id: string } | undefined;
      try {
        decoded = decodeGlobalID(globalId);
      } catch {
        decoded = undefined;
      }
      const id = Number(decoded?.id);
      if (!decoded || !/^\d{1,10}$/.test(decoded.id) || id > 2_147_483_647) {
        throw new GraphQLError(`id: ${JSON.stringify(globalId.slice(0, 100))} is not a valid ID`, {
          extensions: { code: 'BAD_USER_INPUT', field: 'id' },
        });
      }
      return decoded;
    },
  },
});
